import { useEffect, useState } from "react";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import LinearProgress from "@mui/material/LinearProgress";
import Step from "@mui/material/Step";
import StepLabel from "@mui/material/StepLabel";
import Stepper from "@mui/material/Stepper";
import Typography from "@mui/material/Typography";
import { Title, useDataProvider, useNotify } from "react-admin";
import { useNavigate, useSearchParams } from "react-router-dom";
import type { LeadhubDataProvider } from "../../data/dataProvider.ts";
import { type ImportRecord, type ImportSettingsForm, settingsForm, settingsPayload } from "./importModel.ts";
import { type ColumnMapping, initialMapping, mappingPayload } from "./mappingModel.ts";
import { MappingStep } from "./MappingStep.tsx";
import { OptionsStep } from "./OptionsStep.tsx";
import { PreviewStep } from "./PreviewStep.tsx";
import { UploadStep } from "./UploadStep.tsx";

const STEPS = ["Upload", "Preview", "Mapping", "Options", "Run"];
const UPLOAD = 0;
const PREVIEW = 1;
const MAPPING = 2;
const OPTIONS = 3;

/**
 * New import: upload → preview → mapping → options → run (the progress page). The file is uploaded
 * first and staged by the API, which sniffs it and proposes a mapping; the import's id is kept in
 * the URL so a reload carries on from the preview instead of uploading again.
 */
export function ImportWizard() {
  const dataProvider = useDataProvider<LeadhubDataProvider>();
  const notify = useNotify();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const resumeId = params.get("import");
  const [step, setStep] = useState(UPLOAD);
  const [imp, setImp] = useState<ImportRecord | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [settings, setSettings] = useState<ImportSettingsForm>(settingsForm(null, null));
  const [loadError, setLoadError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [mappingErrors, setMappingErrors] = useState<Record<string, string>>({});

  const staged = (next: ImportRecord) => {
    setImp(next);
    setMapping(initialMapping(next.headers ?? [], next));
    setSettings(settingsForm(next.defaults, next.options));
    setStep(PREVIEW);
  };

  useEffect(() => {
    // "New import" clicked again mid-way: the URL lost the id, so the wizard starts from the upload.
    if (!resumeId) {
      setImp(null);
      setStep(UPLOAD);
      return;
    }
    if (imp?.id === resumeId) return;
    let live = true;
    dataProvider.getImport(resumeId).then(
      (found) => {
        if (!live) return;
        // Only a staged import can still be set up; any other has a progress page.
        if (found.status !== "staged") navigate(`/imports/${encodeURIComponent(found.id)}/show`, { replace: true });
        else staged(found);
      },
      (error: Error) => live && setLoadError(error.message || "Could not load the import"),
    );
    return () => {
      live = false;
    };
    // Once per id in the URL: `staged` and `imp` change with every step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resumeId]);

  const uploaded = (next: ImportRecord) => {
    setLoadError(null);
    setParams({ import: next.id }, { replace: true });
    staged(next);
  };

  /** Another file: the staged one is cancelled so it does not linger in the list as "Set-up". */
  const startOver = async () => {
    if (imp) await dataProvider.controlImport(imp.id, "cancel").catch(() => undefined);
    setImp(null);
    setParams({}, { replace: true });
    setStep(UPLOAD);
  };

  const run = async (form: ImportSettingsForm) => {
    if (!imp) return;
    setSettings(form);
    setStarting(true);
    try {
      const started = await dataProvider.startImport(imp.id, { mapping: mappingPayload(mapping), ...settingsPayload(form) });
      navigate(`/imports/${encodeURIComponent(started.id)}/show`);
    } catch (error) {
      const fieldErrors = (error as { body?: { errors?: Record<string, string> } }).body?.errors ?? {};
      notify((error as Error).message || "Could not start the import", { type: "error" });
      // A mapping the API refused: back to the step where it can be fixed, with its reasons per column.
      if (Object.keys(fieldErrors).some((header) => header in mapping)) {
        setMappingErrors(fieldErrors);
        setStep(MAPPING);
      }
    } finally {
      setStarting(false);
    }
  };

  const waitingForResume = resumeId !== null && !imp && !loadError;
  return (
    <Box sx={{ py: 2, maxWidth: 1100 }} data-testid="import-wizard" data-step={STEPS[step].toLowerCase()}>
      <Title title="New import" />
      <Typography variant="h5" component="h1">
        Import leads from a CSV file
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        An export from another CRM or a spreadsheet saved as CSV. Rows matching an existing lead by email or phone are merged into it.
      </Typography>
      <Stepper activeStep={starting ? STEPS.length - 1 : step} sx={{ mb: 2 }}>
        {STEPS.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Card variant="outlined" sx={{ borderRadius: 2 }}>
        <CardContent>
          {loadError && <Alert severity="error">{loadError}</Alert>}
          {waitingForResume && <LinearProgress aria-label="Loading the import" />}
          {(!resumeId || loadError) && step === UPLOAD && <UploadStep onUploaded={uploaded} />}
          {imp && step === PREVIEW && <PreviewStep imp={imp} onBack={startOver} onNext={() => setStep(MAPPING)} />}
          {imp && step === MAPPING && (
            <MappingStep
              imp={imp}
              mapping={mapping}
              onChange={(next) => {
                setMapping(next);
                setMappingErrors({});
              }}
              serverErrors={mappingErrors}
              settings={settings}
              onSettings={setSettings}
              onBack={() => setStep(PREVIEW)}
              onNext={() => setStep(OPTIONS)}
            />
          )}
          {imp && step === OPTIONS && (
            <OptionsStep
              settings={settings}
              onBack={(form) => {
                setSettings(form);
                setStep(MAPPING);
              }}
              onRun={run}
              running={starting}
            />
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
