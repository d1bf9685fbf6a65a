import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import { useRecordContext } from "react-admin";
import { type CustomFieldRecordType, formatCustomValue } from "../resources/custom_field_definitions/customFieldModel.ts";
import { useCustomFieldDefinitions } from "./CustomFieldInputs.tsx";
import { SectionCard } from "./SectionCard.tsx";

/** A record's defined custom fields as label and value in a card, for show pages; nothing when none is filled. */
export function CustomFieldValues({ recordType }: { recordType: CustomFieldRecordType }) {
  const record = useRecordContext<{ custom_fields?: Record<string, unknown> | null }>();
  const { definitions } = useCustomFieldDefinitions(recordType);
  const rows = definitions
    .map((def) => ({ def, text: formatCustomValue(def, record?.custom_fields?.[def.name]) }))
    .filter((row) => row.text !== "");
  if (!rows.length) return null;
  return (
    <SectionCard title="Custom fields" id="custom-fields">
      <Box
        component="dl"
        sx={{ display: "grid", gridTemplateColumns: "minmax(120px, max-content) 1fr", columnGap: 2, rowGap: 0.5, m: 0 }}
        data-testid="custom-field-values"
      >
        {rows.map(({ def, text }) => (
          <Box key={def.id} sx={{ display: "contents" }}>
            <Typography component="dt" variant="body2" color="text.secondary">
              {def.label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: "break-word" }}>
              {text}
            </Typography>
          </Box>
        ))}
      </Box>
    </SectionCard>
  );
}
