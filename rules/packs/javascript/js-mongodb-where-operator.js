async function search(name, minAge) {
  // ruleid: js-mongodb-where-operator
  await User.find({ $where: "this.name == '" + name + "'" });
  // ruleid: js-mongodb-where-operator
  await User.find({ active: true, $where: `this.age > ${minAge}` });
  // ok: js-mongodb-where-operator
  await User.find({ $where: "this.credits > this.debits" });
  // ok: js-mongodb-where-operator
  await User.find({ name: { $eq: name }, age: { $gt: minAge } });
}
