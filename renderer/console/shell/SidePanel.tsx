import type { Category } from '../../../server/protocol/report';
import type { QueueRow } from '../../../server/protocol/report-queue';
import { useCan } from '../../shared/auth/useCan';
import { DispatchSection } from '../dispatch/DispatchSection';
import { NewAreaForm } from '../dispatch/NewAreaForm';
import { TaskingPanel } from '../dispatch/TaskingPanel';
import { HotspotsPanel } from '../intake/HotspotsPanel';
import { MergeSection, mergeOffered } from '../intake/MergeSection';
import { OutboxPanel } from '../lifecycle/OutboxPanel';
import { AccessLogPanel } from '../privacy/AccessLogPanel';
import { ReportDetailPanel } from '../lifecycle/ReportDetailPanel';
import { ThrottlesPanel } from '../security/ThrottlesPanel';
import { SignalsBoardPanel } from '../signals-board/SignalsBoardPanel';
import type { AreaDrawing } from './useAreaDrawing';
import type { useFocusAreas } from './useFocusAreas';
import type { Overlays } from './useOverlays';
import type { Selection } from './useSelection';

interface SidePanelProps {
  selection: Selection;
  categories: ReadonlyMap<string, Category>;
  reportsById: ReadonlyMap<string, QueueRow>;
  now: number;
  today: string;
  overlays: Overlays;
  drawing: AreaDrawing;
  focusAreas: ReturnType<typeof useFocusAreas>;
}

/** The right-hand panel that is open, with what other features add to it wired in. */
export function SidePanel({ selection, categories, reportsById, now, today, overlays, drawing, focusAreas }: SidePanelProps) {
  const { side, selectedId, closeSide, openReport } = selection;
  const mayMerge = useCan('report.merge');
  switch (side) {
    case 'detail':
      return selectedId ? (
        <ReportDetailPanel
          key={selectedId}
          reportId={selectedId}
          categories={categories}
          now={now}
          onClose={closeSide}
          extraAction={{
            offered: (detail) => mayMerge && mergeOffered(detail),
            render: (detail) => <MergeSection detail={detail} onOpenReport={openReport} />,
          }}
          extraSection={(report) => <DispatchSection report={report} />}
          onOpenReport={openReport}
        />
      ) : null;
    case 'hotspots':
      return (
        <HotspotsPanel
          days={overlays.days}
          onDaysChange={overlays.setDays}
          resolution={overlays.resolution}
          onResolutionChange={overlays.setResolution}
          by={overlays.by}
          onByChange={overlays.changeBy}
          selectedCell={overlays.selectedCell}
          onSelectCell={overlays.selectCell}
          onStartFocus={overlays.startFocus}
          renderFocusForm={(form) => <NewAreaForm draw={drawing.draw} {...form} />}
          onCancelFocus={drawing.draw.cancel}
          onAreaCreated={overlays.clearSelectedCell}
          onClose={closeSide}
        />
      );
    case 'tasking':
      return (
        <TaskingPanel
          date={today}
          draw={drawing.draw}
          onShowArea={focusAreas.showArea}
          highlightAreaId={focusAreas.highlightAreaId}
          onClose={closeSide}
        />
      );
    case 'signalsBoard':
      return (
        <SignalsBoardPanel
          onStartFocus={drawing.prefill}
          renderFocusForm={(form) => <NewAreaForm draw={drawing.draw} {...form} />}
          onCancelFocus={drawing.draw.cancel}
          onClose={closeSide}
        />
      );
    case 'outbox':
      return <OutboxPanel reports={reportsById} onOpenReport={openReport} onClose={closeSide} />;
    case 'throttles':
      return <ThrottlesPanel onClose={closeSide} />;
    case 'accessLog':
      return <AccessLogPanel onClose={closeSide} />;
    default:
      return null;
  }
}
