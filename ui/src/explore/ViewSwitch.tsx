// The buttons that switch the results pane between list, map and overview. Kept apart from the
// panes so the list view does not load the map's code and outlines at startup.

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
