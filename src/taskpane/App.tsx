/**
 * The task pane: a header, where the workbook stands, and one section per job. Every section but
 * Set-up (Import, Check, Adopt, the update round, the Summary, Diagnostics) is a chunk of its
 * own, loaded when first opened (Import and Check at once for a tracker that is ready, as they
 * open then), so the pane's first script, which the analyst waits for while the workbook is
 * read, stays small (under 185 KB gzip).
 */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Spinner,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowSync16Regular } from "@fluentui/react-icons";
import { readState, type TrackerState } from "../engine/setup";
import type { WorkbookHost } from "../workbook/host";
import { TrackerContext, type TrackerContextValue } from "./context";
import { messageOf } from "./useOperation";
import { SetupSection } from "./sections/SetupSection";
import { canDiagnose } from "../engine/diagnostics";
import { AppIcon } from "./components/AppIcon";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    overflowX: "hidden",
  },
  header: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  state: {
    display: "flex",
    alignItems: "center",
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
  },
  stateText: { flexGrow: 1, minWidth: 0, overflowWrap: "anywhere" },
  panel: { paddingBottom: tokens.spacingVerticalM, overflowWrap: "anywhere" },
  main: { padding: `0 ${tokens.spacingHorizontalXS}` },
});

export interface AppProps {
  host: WorkbookHost;
  today?: () => Date;
}

const ImportSection = React.lazy(() =>
  import("./sections/ImportSection").then((m) => ({ default: m.ImportSection }))
);
const CheckSection = React.lazy(() =>
  import("./sections/CheckSection").then((m) => ({ default: m.CheckSection }))
);
const AdoptSection = React.lazy(() =>
  import("./sections/AdoptSection").then((m) => ({ default: m.AdoptSection }))
);
const UpdatesSection = React.lazy(() =>
  import("./sections/UpdatesSection").then((m) => ({ default: m.UpdatesSection }))
);
const SummarySection = React.lazy(() =>
  import("./sections/SummarySection").then((m) => ({ default: m.SummarySection }))
);
const DiagnosticsSection = React.lazy(() =>
  import("./sections/DiagnosticsSection").then((m) => ({ default: m.DiagnosticsSection }))
);

type SectionId = "setup" | "import" | "adopt" | "check" | "updates" | "summary" | "diagnostics";

export function App({ host, today = () => new Date() }: AppProps) {
  const styles = useStyles();
  const [state, setState] = React.useState<TrackerState | null>(null);
  const [stateError, setStateError] = React.useState<string | null>(null);
  const [open, setOpen] = React.useState<SectionId[]>(["setup"]);

  const refresh = React.useCallback(async () => {
    try {
      const next = await readState(host);
      setState(next);
      setStateError(null);
      return next;
    } catch (e) {
      setStateError(messageOf(e));
      return null;
    }
  }, [host]);

  React.useEffect(() => {
    void refresh().then((s) => {
      // A sheet that looks like the office's own tracker: lead with Adopt, not an empty set-up.
      if (s?.adoptable) setOpen(["adopt"]);
      else if (s?.kind === "ready") setOpen(["import", "check"]);
      else if (s?.kind === "foreign") setOpen(["adopt"]);
    });
  }, [refresh]);

  const value: TrackerContextValue = React.useMemo(
    () => ({ host, state, refresh: async () => void (await refresh()), today }),
    [host, state, refresh, today]
  );

  /** Open a section and move the keyboard focus to its heading (e.g. "Go to Check"). */
  const openSection = React.useCallback((id: SectionId) => {
    setOpen((prev) => (prev.includes(id) ? prev : [...prev, id]));
    window.setTimeout(() => {
      const button = document.querySelector<HTMLButtonElement>(`#section-${id} button`);
      button?.scrollIntoView?.({ block: "start" });
      button?.focus();
    }, 0);
  }, []);

  const ready = state?.kind === "ready";
  const sections: { id: SectionId; title: string; body: React.ReactNode; show: boolean }[] = [
    {
      id: "setup",
      title: "Set-up",
      body: <SetupSection onGoTo={(id) => openSection(id)} />,
      show: true,
    },
    { id: "import", title: "Import a response record", body: <ImportSection />, show: true },
    { id: "adopt", title: "Adopt an existing sheet", body: <AdoptSection />, show: true },
    { id: "check", title: "Check the tracker", body: <CheckSection />, show: true },
    { id: "updates", title: "Quarterly update round", body: <UpdatesSection />, show: true },
    {
      id: "summary",
      title: "Summary for the board",
      body: <SummarySection onGoToCheck={() => openSection("check")} />,
      show: true,
    },
    // Last and closed: probes on the analyst's own Excel, only when asked.
    {
      id: "diagnostics",
      title: "Diagnostics",
      body: <DiagnosticsSection />,
      show: canDiagnose(host),
    },
  ];

  return (
    <TrackerContext.Provider value={value}>
      <div className={styles.root}>
        <header className={styles.header}>
          <AppIcon size={28} />
          <Title3 as="h1">Inspection Tracker</Title3>
        </header>
        <div className={styles.state} role="status" aria-live="polite">
          <Badge
            appearance="filled"
            color={
              stateError
                ? "danger"
                : ready
                  ? "success"
                  : state?.kind === "foreign"
                    ? "warning"
                    : "informative"
            }
          >
            {stateError ? "Problem" : ready ? "Ready" : state ? "Not set up" : "Reading…"}
          </Badge>
          <Text className={styles.stateText}>
            {stateError ?? state?.message ?? "Reading the workbook…"}
          </Text>
          <Button
            appearance="subtle"
            size="small"
            icon={<ArrowSync16Regular />}
            aria-label="Refresh the workbook state"
            title="Refresh"
            onClick={() => void refresh()}
          />
        </div>
        <main className={styles.main}>
          <Accordion
            multiple
            collapsible
            openItems={open}
            onToggle={(_, data) => setOpen(data.openItems as SectionId[])}
          >
            {sections
              .filter((s) => s.show)
              .map((s) => (
                <AccordionItem key={s.id} value={s.id} id={`section-${s.id}`}>
                  <AccordionHeader as="h2">{s.title}</AccordionHeader>
                  <AccordionPanel className={styles.panel}>
                    <React.Suspense fallback={<Spinner size="tiny" label="Loading…" />}>
                      {s.body}
                    </React.Suspense>
                  </AccordionPanel>
                </AccordionItem>
              ))}
          </Accordion>
        </main>
      </div>
    </TrackerContext.Provider>
  );
}
