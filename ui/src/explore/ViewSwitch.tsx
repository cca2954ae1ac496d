// The buttons that switch the results pane between list, map and overview. Kept apart from the
// panes so the list view does not load the map's code and outlines at startup.

import { t } from "../i18n";
import { tracked } from "../signal";
import { exploreMode, MODES } from "./state";
import "../explore.css";

/** The buttons that switch the results pane between list, map and overview. */
export const ViewSwitch = tracked(function ViewSwitch() {
  const mode = exploreMode.value;
  return (
    <div className="view-switch">
      <div role="group" aria-label={t("view_switch")} className="segmented">
        {MODES.map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={m === mode}
            data-testid={`view-${m}`}
            onClick={() => (exploreMode.value = m)}
          >
            {t(`view_${m}`)}
          </button>
        ))}
      </div>
    </div>
  );
});
