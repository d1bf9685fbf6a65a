import { ReferenceField, useRecordContext } from "react-admin";
import Typography from "@mui/material/Typography";
import { humanize } from "../../components/toneModel.ts";
import { type Task, recordPath } from "./taskModel.ts";
import { Link } from "react-router-dom";

const RESOURCE = { lead: "leads", account: "accounts", contact: "contacts", opportunity: "opportunities" } as const;

/** What a task is about: the record's kind and its name, linking to its page. */
export function TaskRecordField(_: { label?: string }) {
  const task = useRecordContext<Task>();
  if (!task) return null;
  return (
    <Typography variant="body2" component="span" onClick={(e) => e.stopPropagation()}>
      <Typography variant="caption" color="text.secondary" component="span">
        {humanize(task.record_type)}{" "}
      </Typography>
      <Link to={recordPath(task.record_type, task.record_id)}>
        <ReferenceField source="record_id" reference={RESOURCE[task.record_type]} link={false} />
      </Link>
    </Typography>
  );
}
