import { Component, Input } from "@angular/core";
import { DomSanitizer, SafeHtml } from "@angular/platform-browser";

@Component({ selector: "app-comment", template: "<div [innerHTML]='html'></div>" })
export class CommentComponent {
  @Input() body!: string;
  html: SafeHtml;

  constructor(private sanitizer: DomSanitizer) {
    // ruleid: js-angular-bypass-security-trust
    this.html = this.sanitizer.bypassSecurityTrustHtml(this.body);
    // ruleid: js-angular-bypass-security-trust
    const url = this.sanitizer.bypassSecurityTrustResourceUrl("https://video.example.com/" + this.body);
    // ok: js-angular-bypass-security-trust
    const fixed = this.sanitizer.bypassSecurityTrustHtml("<b>static</b>");
    // ok: js-angular-bypass-security-trust
    const clean = this.sanitizer.bypassSecurityTrustHtml(DOMPurify.sanitize(this.body));
  }
}
