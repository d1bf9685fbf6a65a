import { useState } from "react";
import Button from "@mui/material/Button";
import StopIcon from "@mui/icons-material/StopCircleOutlined";
import { Confirm, useNotify, useRecordContext, useRefresh, useUpdate } from "react-admin";
import { type Enrollment, canStop } from "./enrollmentModel.ts";

/** Takes the lead out of the sequence now (`exit_reason: manual`); nothing more is sent. */
export function StopEnrollmentButton(_: { label?: string }) {
  const enrollment = useRecordContext<Enrollment>();
  const [open, setOpen] = useState(false);
  const [update, { isPending }] = useUpdate();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!enrollment || !canStop(enrollment)) return null;
  const stop = () =>
    update(
      "enrollments",
      { id: enrollment.id, data: { status: "exited" }, previousData: enrollment },
      {
        mutationMode: "pessimistic",
        onSuccess: () => {
          notify("Stopped: nothing more is sent to this lead from the sequence", { type: "success" });
          setOpen(false);
          refresh();
        },
        onError: (err) => notify((err as Error).message || "Could not stop it", { type: "error" }),
      },
    );
  return (
    <>
      <Button
        size="small"
        color="warning"
        startIcon={<StopIcon />}
        className="stop-enrollment"
        onClick={(e) => {
          // Rows may be clickable; the button is not a row click.
          e.stopPropagation();
          setOpen(true);
        }}
      >
        Stop
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="Stop this enrolment?"
        content={`${enrollment.lead_name ?? "The lead"} leaves ${enrollment.sequence_name ?? "the sequence"} and gets nothing more from it.`}
        confirm="Stop"
        onConfirm={stop}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
