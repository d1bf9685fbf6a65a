import { useGetList } from "react-admin";
import type { PipelineStage } from "../resources/pipeline_stages/stageModel.ts";

/** The tenant's stages in order (the API creates the default pipeline on first read). */
export function usePipelineStages() {
  const { data, isPending, error } = useGetList<PipelineStage>("pipeline_stages", {
    pagination: { page: 1, perPage: 100 },
    sort: { field: "position", order: "ASC" },
    filter: {},
  });
  return { stages: data ?? [], isPending, error };
}
