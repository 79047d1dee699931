/** What `status` and the dashboard show for one flow of one connection, and its pause / re-scan switches. */
export interface FlowState {
  connectionId: number;
  flow: string;
  paused: boolean;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastSuccessAt: string | null;
  lastStatus: string | null;
  lastError: string | null;
  lastCounts: Record<string, number> | null;
  nextRunAt: string | null;
  rescanFrom: string | null;
}
