import { useState } from "react";
import { Create, SimpleForm, TextInput, required, useRedirect } from "react-admin";
import { SecretsRevealDialog } from "../../components/SecretsRevealDialog.tsx";
import { type PartnerSecrets, secretsFromCreateResponse } from "./partnerModel.ts";

/** Credentials are returned by this one response only: shown once, never stored in the console. */
export function PartnerCreate() {
  const [created, setCreated] = useState<{ id: string; secrets: PartnerSecrets | null } | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create
        title="New partner"
        redirect={false}
        mutationOptions={{
          onSuccess: (data: { id: string | number }) => setCreated({ id: String(data.id), secrets: secretsFromCreateResponse(data) }),
        }}
      >
        <SimpleForm sx={{ maxWidth: 600 }}>
          <TextInput source="name" validate={required()} fullWidth helperText="e.g. 99acres, MagicBricks, IndiaMART, an agency" />
          <TextInput source="description" multiline minRows={2} fullWidth />
        </SimpleForm>
      </Create>
      <SecretsRevealDialog
        open={created !== null}
        secrets={created?.secrets ?? null}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) redirect("show", "partners", id);
        }}
      />
    </>
  );
}
