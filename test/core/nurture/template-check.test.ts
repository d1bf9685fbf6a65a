import { describe, expect, it } from "vitest";
import { checkSteps } from "../../../core/nurture/sequence.ts";
import { knownTemplateVariables, unknownVariables } from "../../../core/nurture/template-check.ts";

const email = (subject: string, body_text = "Hello") => [{ type: "email" as const, subject, body_text }];

describe("template variables checked at save time", () => {
  it("when a step names a variable that does not exist, then 422 invalid_template naming it with the closest known name", () => {
    let err: unknown;
    try {
      checkSteps(email("Hi {{first_name}}", "Dear {{ lead.frist_name }}, from {{ owner.nmae }} and {{ nothing_like_it_at_all }}"));
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ kind: "invalid", code: "invalid_template" });
    const message = (err as Error).message;
    expect(message).toContain("step 1: subject: `first_name` is not a variable: did you mean `lead.first_name`?");
    expect(message).toContain("`lead.frist_name` is not a variable: did you mean `lead.first_name`?");
    expect(message).toContain("`owner.nmae` is not a variable: did you mean `owner.name`?");
    expect(message).toContain("`nothing_like_it_at_all` is not a variable");
  });

  it("when a step names only known variables, custom fields, and its own assigned and loop variables, then it is accepted", () => {
    const steps = checkSteps(
      email(
        "{{ lead.first_name | default: 'there' }} at {{ company.name }}",
        "{% assign who = owner.first_name %}{{ who }} {{ lead.custom_fields.site_visit_date }} {% for x in (1..2) %}{{ x }}{% endfor %} {{ sender.name }} {{ unsubscribe_url }} {{ lead.name }}",
      ),
    );
    expect(steps).toHaveLength(1);
    expect(unknownVariables("{{ lead['first_name'] }} {{ lead.custom_fields[key] }}")).toEqual(["`key` is not a variable"]);
  });

  it("lists every variable a template may read, custom fields included", () => {
    const known = knownTemplateVariables();
    expect(known).toEqual(expect.arrayContaining(["lead.first_name", "owner.email", "company.name", "sender.name", "unsubscribe_url"]));
    expect(known).toContain("lead.custom_fields.<key>");
    expect(known).not.toContain("lead.custom_fields");
  });
});
