import DOMPurify from "dompurify";
import React from "react";

export function Comment({ comment }) {
  // ruleid: js-react-dangerously-set-inner-html
  const raw = <p dangerouslySetInnerHTML={{ __html: comment.body }} />;
  // ok: js-react-dangerously-set-inner-html
  const clean = <p dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(comment.body) }} />;
  // ok: js-react-dangerously-set-inner-html
  const fixed = <p dangerouslySetInnerHTML={{ __html: "&copy; 2024" }} />;
  // ok: js-react-dangerously-set-inner-html
  const text = <p>{comment.body}</p>;
  return (
    <div>
      {raw}
      {clean}
      {fixed}
      {text}
    </div>
  );
}

export function Preview(props) {
  // ruleid: js-react-dangerously-set-inner-html
  const markup = { __html: props.html };
  return <div dangerouslySetInnerHTML={markup} />;
}
