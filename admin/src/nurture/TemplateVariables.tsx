import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Typography from "@mui/material/Typography";
import { useQuery } from "@tanstack/react-query";
import { API_URL } from "../data/dataProvider.ts";
import { httpClient } from "../data/httpClient.ts";
import { insertAt, variableTag } from "./mailModel.ts";
import type { Step } from "./sequenceModel.ts";

/** The variables a template may name, from the server (they do not change while the console runs). */
function useTemplateVariables() {
  return useQuery({
    queryKey: ["nurture", "template-variables"],
    queryFn: async () => (await httpClient(`${API_URL}/nurture/mail/template-variables`)).json as string[],
    staleTime: Infinity,
  });
}

type Field = "subject" | "body_text" | "body_html";
const FIELDS: Field[] = ["subject", "body_text", "body_html"];

/** The field of this step that had the focus last, and where its cursor was (read from the DOM when a chip is clicked). */
function lastField(index: number): { field: Field; at: number | null } {
  const el = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  const name = el?.getAttribute?.("name") ?? "";
  const field = FIELDS.find((f) => name === `steps.${index}.${f}`);
  return field ? { field, at: el!.selectionStart } : { field: "body_text", at: null };
}

/**
 * The variables a template may name (from the server, the same list the save checks against); a
 * click puts one at the cursor of the subject or body last typed in, or at the end of the text.
 */
export function TemplateVariables({ step, index, onChange }: { step: Step; index: number; onChange: (patch: Partial<Step>) => void }) {
  const { data } = useTemplateVariables();
  if (!data?.length) return null;
  const insert = (name: string) => {
    const { field, at } = lastField(index);
    onChange({ [field]: insertAt(String(step[field] ?? ""), variableTag(name), at) });
  };
  return (
    <Box data-testid="template-variables">
      <Typography variant="caption" color="text.secondary">
        Variables (click to insert where you last typed; anything else renders as nothing, so saving refuses it)
      </Typography>
      <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5, mt: 0.5 }}>
        {data.map((name) => (
          <Chip
            key={name}
            label={name}
            size="small"
            variant="outlined"
            className="template-variable"
            // Keeps the focus (and the cursor) in the field while the chip is pressed.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => insert(name)}
            sx={{ fontFamily: "monospace" }}
          />
        ))}
      </Box>
    </Box>
  );
}
