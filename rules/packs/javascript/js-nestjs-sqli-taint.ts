import { Body, Controller, Get, Param, Query } from "@nestjs/common";
import { DataSource } from "typeorm";

@Controller("users")
export class UsersController {
  constructor(private readonly ds: DataSource) {}

  @Get()
  async find(@Query("name") name: string): Promise<unknown> {
    // ruleid: js-nestjs-sqli-taint
    return this.ds.query("SELECT * FROM users WHERE name = '" + name + "'");
  }

  @Get(":id")
  async findOne(@Param("id") id: string) {
    // ruleid: js-nestjs-sqli-taint
    return this.ds.query(`SELECT * FROM users WHERE id = ${id}`);
  }

  @Get("by-email")
  async byEmail(@Query("email") email: string) {
    return this.ds
      .createQueryBuilder()
      .select("u")
      .from("users", "u")
      // ruleid: js-nestjs-sqli-taint
      .where(`u.email = '${email}'`)
      .getMany();
  }

  @Get("safe")
  async safe(@Query("name") name: string) {
    // ok: js-nestjs-sqli-taint
    return this.ds.query("SELECT * FROM users WHERE name = $1", [name]);
  }

  @Get("safe-qb")
  async safeQb(@Query("email") email: string) {
    // ok: js-nestjs-sqli-taint
    return this.ds.createQueryBuilder().select("u").from("users", "u").where("u.email = :email", { email }).getMany();
  }

  internal(name: string) {
    // ok: js-nestjs-sqli-taint
    return this.ds.query("SELECT * FROM users WHERE name = '" + name + "'");
  }
}
