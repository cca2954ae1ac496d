//! Small geographic facts the library needs without a map: the population bands of the
//! `population` facet and a bounding box per country for the coordinates check.

/// The population band id of a population (`under-50k`, `50k-250k`, `250k-1m`, `over-1m`).
pub fn population_band(population: u64) -> &'static str {
    match population {
        0..50_000 => "under-50k",
        50_000..250_000 => "50k-250k",
        250_000..1_000_000 => "250k-1m",
        _ => "over-1m",
    }
}

/// Every population band id, smallest first.
pub const POPULATION_BANDS: [&str; 4] = ["under-50k", "50k-250k", "250k-1m", "over-1m"];

/// Bounding boxes `(code, min lat, max lat, min lon, max lon)` in degrees, generous enough for
/// outlying islands that cities of the library are on (Canaries, Azores, Madeira, Okinawa,
/// Ogasawara, Bornholm). France is its European territory only. Not a border test: it catches
/// swapped latitude/longitude, a dropped minus sign and a wrong country.
const BOXES: &[(&str, f64, f64, f64, f64)] = &[
    ("AT", 46.3, 49.1, 9.5, 17.2),
    ("BE", 49.4, 51.6, 2.5, 6.5),
    ("BG", 41.2, 44.3, 22.3, 28.7),
    ("CH", 45.8, 47.9, 5.9, 10.5),
    ("CY", 34.5, 35.8, 32.2, 34.7),
    ("CZ", 48.5, 51.1, 12.0, 18.9),
    ("DE", 47.2, 55.1, 5.8, 15.1),
    ("DK", 54.5, 57.8, 8.0, 15.2),
    ("EE", 57.5, 59.7, 21.7, 28.3),
    ("ES", 27.6, 43.8, -18.2, 4.4),
    ("FI", 59.7, 70.1, 20.5, 31.6),
    ("FR", 41.3, 51.1, -5.2, 9.6),
    ("GB", 49.8, 60.9, -8.7, 1.8),
    ("GR", 34.8, 41.8, 19.3, 29.7),
    ("HR", 42.3, 46.6, 13.4, 19.5),
    ("HU", 45.7, 48.6, 16.1, 22.9),
    ("IE", 51.4, 55.4, -10.7, -5.9),
    ("IS", 63.2, 66.6, -24.6, -13.4),
    ("IT", 35.4, 47.1, 6.6, 18.6),
    ("JP", 20.4, 45.6, 122.9, 154.0),
    ("LT", 53.9, 56.5, 20.9, 26.9),
    ("LU", 49.4, 50.2, 5.7, 6.6),
    ("LV", 55.6, 58.1, 20.9, 28.3),
    ("MT", 35.8, 36.1, 14.1, 14.6),
    ("NL", 50.7, 53.6, 3.3, 7.3),
    ("NO", 57.9, 71.2, 4.5, 31.2),
    ("PL", 49.0, 54.9, 14.1, 24.2),
    ("PT", 32.6, 42.2, -31.3, -6.2),
    ("RO", 43.6, 48.3, 20.2, 29.8),
    ("SE", 55.3, 69.1, 10.9, 24.2),
    ("SI", 45.4, 46.9, 13.3, 16.6),
    ("SK", 47.7, 49.6, 16.8, 22.6),
    ("TR", 35.8, 42.1, 25.6, 44.8),
];

/// Slack around every box, in degrees (a city on the border, rounding).
const MARGIN: f64 = 0.2;

/// Whether `[lat, lon]` is inside the box of `country` (ISO code, any case); `None` for a
/// country without a box.
pub fn inside_country(country: &str, lat: f64, lon: f64) -> Option<bool> {
    let code = country.trim().to_ascii_uppercase();
    BOXES
        .iter()
        .find(|b| b.0 == code)
        .map(|&(_, lat0, lat1, lon0, lon1)| {
            (lat0 - MARGIN..=lat1 + MARGIN).contains(&lat)
                && (lon0 - MARGIN..=lon1 + MARGIN).contains(&lon)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_have_their_bounds() {
        assert_eq!(population_band(0), "under-50k");
        assert_eq!(population_band(49_999), "under-50k");
        assert_eq!(population_band(50_000), "50k-250k");
        assert_eq!(population_band(249_999), "50k-250k");
        assert_eq!(population_band(250_000), "250k-1m");
        assert_eq!(population_band(999_999), "250k-1m");
        assert_eq!(population_band(1_000_000), "over-1m");
    }

    #[test]
    fn boxes_catch_swapped_and_wrong_coordinates() {
        // Copenhagen, Naha (Okinawa), Las Palmas (Canaries).
        assert_eq!(inside_country("DK", 55.68, 12.57), Some(true));
        assert_eq!(inside_country("jp", 26.21, 127.68), Some(true));
        assert_eq!(inside_country("ES", 28.12, -15.43), Some(true));
        // Swapped latitude and longitude; a dropped minus sign; another country's city.
        assert_eq!(inside_country("DK", 12.57, 55.68), Some(false));
        assert_eq!(inside_country("ES", 28.12, 15.43), Some(false));
        assert_eq!(inside_country("NL", 48.86, 2.35), Some(false));
        assert_eq!(inside_country("US", 40.7, -74.0), None);
    }

    #[test]
    fn every_library_country_has_a_box() {
        for (code, _, _) in crate::search::COUNTRIES {
            assert!(BOXES.iter().any(|b| b.0 == *code), "{code}");
        }
    }
}
