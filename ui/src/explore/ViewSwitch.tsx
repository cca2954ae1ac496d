// The buttons that switch the results pane between list, map and overview, and the status line
// the panes show while they load. Kept apart from the panes so the list view does not load the
// map's code and outlines at startup.

import { Segmented } from "../components/common";
import { t } from "../i18n";
import { tracked } from "../signal";
import { exploreMode, MODES } from "./state";
import "../explore.css";

/** The buttons that switch the results pane between list, map and overview. */
export const ViewSwitch = tracked(function ViewSwitch() {
  const mode = exploreMode.value;
  return (
    <div className="view-switch">
      <Segmented
        label={t("view_switch")}
        options={MODES.map((m) => ({ value: m, text: t(`view_${m}`), testId: `view-${m}` }))}
        value={mode}
        onChange={(m) => (exploreMode.value = m)}
      />
    </div>
  );
});

/** The explore views' status line: `message`, or the loading text while their code or data
 * load (the app shows it while the map's code arrives, the panes while their data does). */
export const ExploreStatus = tracked(function ExploreStatus(props: { message?: string | null }) {
  return (
    <p className="explore-status" role="status">
      {props.message ?? t("explore_loading")}
    </p>
  );
});
