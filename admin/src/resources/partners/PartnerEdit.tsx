import Box from "@mui/material/Box";
import { BooleanInput, Edit, ListButton, ShowButton, SimpleForm, TextInput, TopToolbar, required, useRecordContext } from "react-admin";
import { SectionCard } from "../../components/SectionCard.tsx";
import { FieldMappingInput, PartnerSecretsInputs } from "./PartnerSettingsInputs.tsx";
import { URL_SETTINGS, partnerUpdatePayload } from "./partnerModel.ts";

const validateUrl = (value: unknown) => {
  if (value === null || value === undefined || value === "") return undefined;
  try {
    const url = new URL(String(value));
    return url.protocol === "https:" || url.protocol === "http:" ? undefined : "Use an http(s) address";
  } catch {
    return "A full address like https://graph.facebook.com/v21.0";
  }
};

export function PartnerTitle() {
  const partner = useRecordContext<{ name?: string }>();
  return <span>{partner?.name ? `Partner: ${partner.name}` : "Partner"}</span>;
}

export function PartnerEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      transform={partnerUpdatePayload}
      component="div"
      title={<PartnerTitle />}
      actions={
        <TopToolbar>
          <ListButton label="All partners" />
          <ShowButton />
        </TopToolbar>
      }
    >
      <SimpleForm component={Box}>
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, width: "100%", maxWidth: 980 }}>
          <SectionCard title="Partner">
            <TextInput source="name" validate={required()} fullWidth />
            <TextInput source="description" multiline minRows={2} fullWidth />
            <TextInput source="default_source" helperText="Source set on leads from this partner when they send none" fullWidth />
            <BooleanInput source="is_active" label="Active (inactive partners' keys are refused)" />
          </SectionCard>
          <SectionCard title="Field mapping">
            <FieldMappingInput />
          </SectionCard>
          <SectionCard title="Vendor secrets (write-only)">
            <PartnerSecretsInputs />
          </SectionCard>
          <SectionCard title="Vendor API addresses">
            <Box sx={{ display: "grid", columnGap: 2, gridTemplateColumns: { xs: "1fr", md: "1fr 1fr" } }}>
              {URL_SETTINGS.map((s) => (
                <TextInput key={s.key} source={`settings.${s.key}`} label={s.label} validate={validateUrl} helperText={s.help} />
              ))}
            </Box>
          </SectionCard>
        </Box>
      </SimpleForm>
    </Edit>
  );
}
