//! Tests of the collector's helpers.

use super::*;

#[test]
fn score_key_preserves_order() {
    let scores = [-3.0f32, -0.5, 0.0, 0.25, 1.0, 7.5, 1e6];
    for w in scores.windows(2) {
        assert!(score_key(w[0]) > score_key(w[1]), "{w:?}");
    }
}

#[test]
fn plan_marks_selected_values_and_facets() {
    let mut t = ValueTable::default();
    let flooding = t.intern(0, "flooding");
    let pluvial = t.intern(0, "flooding/pluvial");
    let dk = t.intern(4, "DK");
    let plan = Plan::new(&t, &[(0, vec![Some(flooding)])], None, 10, false, "en");
    assert_eq!(plan.full, 1);
    assert_eq!(plan.sel_bit[flooding as usize], 1);
    assert_eq!(plan.sel_bit[pluvial as usize], 0);
    assert_eq!(plan.facet_bit[pluvial as usize], 1);
    assert_eq!(plan.facet_bit[dk as usize], 0);
}
