// Demo cases for the mock backend (browser development, screenshots, tests). Figures are
// illustrative; the real library is the markdown in `cases/`.

import type { CaseMeta } from "../bindings/CaseMeta";

/** One demo case file: front matter, language, and an HTML body like the core renders. */
export interface MockCase {
  meta: CaseMeta;
  lang: string;
  path: string;
  html: string;
}

const src = (title: string, url: string) => ({ title, url, accessed: "2026-11-20" });

const base = {
  ended: null,
  population: null,
  coordinates: null,
  coastal: null,
  outcomes: [],
  updated: "2026-11-28",
} satisfies Partial<CaseMeta>;

function body(context: string, done: string, results: string, lessons: string): string {
  return (
    `<h2>Context</h2><p>${context}</p>` +
    `<h2>What was done</h2><p>${done}</p>` +
    `<h2>Results</h2><p>${results}</p>` +
    `<h2>Lessons and transferability</h2><p>${lessons}</p>`
  );
}

/** The demo library. */
export const MOCK_CASES: MockCase[] = [
  {
    lang: "en",
    path: "eu/copenhagen-cloudburst-plan.md",
    meta: {
      ...base,
      id: "copenhagen-cloudburst-plan",
      title: "Cloudburst Management Plan",
      city: "Copenhagen",
      country: "DK",
      region: "europe/northern",
      programmes: ["eu-cities-mission"],
      hazards: ["flooding/pluvial", "heavy-precipitation"],
      sectors: ["water", "urban-planning"],
      measures: ["nature-based/green", "physical/grey", "governance/strategy"],
      type: "adaptation",
      status: "ongoing",
      started: 2012,
      population: 660000,
      coordinates: [55.676, 12.568],
      summary:
        "After the 2011 cloudburst caused about €1 billion of damage, Copenhagen planned some 300 surface projects — green streets, parks that flood on purpose and tunnels — to carry a 100-year rain safely to the harbour.",
      outcomes: [
        { metric: "Storage volume in Enghaveparken", value: 22600, unit: "m3", year: 2019 },
        { metric: "Planned surface projects", value: 300, unit: null, year: 2015 },
      ],
      sources: [
        src("Copenhagen Cloudburst Management Plan 2012", "https://international.kk.dk/cloudburst"),
        src("Climate-ADAPT case study: Copenhagen", "https://climate-adapt.eea.europa.eu/en/metadata/case-studies/the-economics-of-managing-heavy-rains-and-stormwater-in-copenhagen-2013-the-cloudburst-management-plan"),
      ],
    },
    html: body(
      "On 2 July 2011 more than 150 mm of rain fell on Copenhagen in two hours. Basements, roads and the main hospital flooded; insured losses were close to <strong>€1 billion</strong>.",
      "The city split its area into catchments and, for each, combined <em>cloudburst roads</em> that channel water on the surface, retention boulevards and parks that store it, and a few large tunnels. Enghaveparken now holds 22,600 m³ behind low walls that double as seating.",
      "The first projects were finished in 2015. A cost–benefit analysis found the surface solution about half as expensive as enlarging the sewers alone.",
      "Plan the whole catchment first, then build project by project with the utility, so every street renovation also adds storage. See the <a href=\"https://climate-adapt.eea.europa.eu/\">Climate-ADAPT</a> summary.",
    ),
  },
  {
    lang: "ja",
    path: "eu/copenhagen-cloudburst-plan.ja.md",
    meta: {
      ...base,
      id: "copenhagen-cloudburst-plan",
      title: "クラウドバースト（集中豪雨）管理計画",
      city: "コペンハーゲン",
      country: "DK",
      region: "europe/northern",
      programmes: ["eu-cities-mission"],
      hazards: ["flooding/pluvial", "heavy-precipitation"],
      sectors: ["water", "urban-planning"],
      measures: ["nature-based/green", "physical/grey", "governance/strategy"],
      type: "adaptation",
      status: "ongoing",
      started: 2012,
      population: 660000,
      coordinates: [55.676, 12.568],
      summary:
        "2011年の集中豪雨で約10億ユーロの被害を受けたコペンハーゲンは、緑の街路や意図的に冠水させる公園、地下トンネルなど約300の事業を計画し、100年に一度の豪雨を安全に港へ流す。",
      outcomes: [
        { metric: "エンゲハーヴェ公園の貯留量", value: 22600, unit: "m3", year: 2019 },
      ],
      sources: [src("Copenhagen Cloudburst Management Plan 2012", "https://international.kk.dk/cloudburst")],
    },
    html: "<h2>背景</h2><p>2011年7月2日、2時間で150 mmを超える雨が降り、地下室や道路、病院が浸水した。</p><h2>取り組み</h2><p>流域ごとに、地表で水を流す「クラウドバースト道路」と、貯留する公園・並木道を組み合わせた。</p>",
  },
  {
    lang: "en",
    path: "eu/rotterdam-water-squares.md",
    meta: {
      ...base,
      id: "rotterdam-water-squares",
      title: "Water squares: public space that stores stormwater",
      city: "Rotterdam",
      country: "NL",
      region: "europe/western",
      programmes: ["eu-cities-mission", "eu-urban-innovative-actions"],
      hazards: ["flooding/pluvial", "sea-level-rise"],
      sectors: ["water", "urban-planning"],
      measures: ["physical/grey", "nature-based/blue"],
      type: "adaptation",
      status: "completed",
      started: 2011,
      ended: 2013,
      population: 655000,
      coordinates: [51.922, 4.479],
      summary:
        "Benthemplein is a sunken square for sport and play that fills with up to 1,700 m³ of rainwater during a cloudburst and drains slowly afterwards.",
      outcomes: [{ metric: "Storage volume", value: 1700, unit: "m3", year: 2013 }],
      sources: [src("Rotterdam Climate Initiative: Benthemplein", "https://www.urbanisten.nl/work/benthemplein")],
    },
    html: body(
      "Rotterdam lies mostly below sea level and its sewers overflow in heavy showers.",
      "Three basins at different depths are used as a basketball court, a stage and seating. Stainless-steel gutters bring rain from the roofs around the square.",
      "The square has filled several times since 2013 and is used daily by schools.",
      "Designing with neighbours made the square popular; the same principle was later applied in other districts.",
    ),
  },
  {
    lang: "en",
    path: "eu/paris-oasis-schoolyards.md",
    meta: {
      ...base,
      id: "paris-oasis-schoolyards",
      title: "OASIS schoolyards: cool islands in every neighbourhood",
      city: "Paris",
      country: "FR",
      region: "europe/western",
      programmes: ["eu-urban-innovative-actions"],
      hazards: ["extreme-heat/heatwave", "extreme-heat/urban-heat-island"],
      sectors: ["health", "urban-planning", "biodiversity"],
      measures: ["nature-based/green", "knowledge/awareness"],
      type: "adaptation",
      status: "ongoing",
      started: 2018,
      population: 2100000,
      coordinates: [48.857, 2.352],
      summary:
        "Paris is turning asphalt schoolyards into shaded, permeable “oasis” courtyards that open to residents during heatwaves, as a network of cool islands within a short walk of every home.",
      outcomes: [{ metric: "Schoolyards transformed", value: 130, unit: null, year: 2024 }],
      sources: [src("Paris OASIS project (UIA)", "https://www.uia-initiative.eu/en/uia-cities/paris")],
    },
    html: body(
      "Schoolyards cover about 70 ha of Paris, most of it dark asphalt that heats up to 50 °C in summer.",
      "Pupils, teachers and parents co-design each yard: trees, vegetable beds, rain gardens, water points and light-coloured surfaces.",
      "Surface temperatures in the transformed yards are several degrees lower during heatwaves.",
      "Schools are everywhere and publicly owned, which makes them an ideal backbone for a cooling network.",
    ),
  },
  {
    lang: "en",
    path: "eu/vienna-cool-streets.md",
    meta: {
      ...base,
      id: "vienna-cool-streets",
      title: "Cool Streets with misting and shade",
      city: "Vienna",
      country: "AT",
      region: "europe/western",
      programmes: ["eu-cities-mission"],
      hazards: ["extreme-heat/heatwave"],
      sectors: ["health", "transport"],
      measures: ["physical/technological", "nature-based/green"],
      type: "adaptation",
      status: "ongoing",
      started: 2019,
      population: 1980000,
      summary:
        "In summer, Vienna closes selected streets to through traffic and adds misting showers, shade and seating, so that residents of dense districts have a cool place to go.",
      sources: [src("Stadt Wien: Coole Straßen", "https://www.wien.gv.at/umwelt/coole-strassen")],
    },
    html: body(
      "Dense Gründerzeit districts have few parks and many elderly residents living in hot flats.",
      "Temporary Cool Streets became permanent redesigns with trees and fountains.",
      "Visitor counts and surveys guided which streets became permanent.",
      "A cheap temporary trial builds support for the permanent change.",
    ),
  },
  {
    lang: "en",
    path: "eu/barcelona-superblocks.md",
    meta: {
      ...base,
      id: "barcelona-superblocks",
      title: "Superblocks: streets for people instead of cars",
      city: "Barcelona",
      country: "ES",
      region: "europe/southern",
      programmes: ["eu-cities-mission"],
      hazards: ["extreme-heat/urban-heat-island", "air-pollution"],
      sectors: ["transport", "urban-planning", "health"],
      measures: ["mobility-shift", "governance/regulation", "nature-based/green"],
      type: "both",
      status: "ongoing",
      started: 2016,
      population: 1640000,
      summary:
        "Grouping nine blocks into a superblock keeps through traffic on the perimeter and turns the inner streets into green, quiet space; NO₂ and noise fell where it was done.",
      outcomes: [{ metric: "NO2 reduction in Sant Antoni", value: 25, unit: "%", year: 2019 }],
      sources: [src("Ajuntament de Barcelona: Superilles", "https://ajuntament.barcelona.cat/superilles/en/")],
    },
    html: body(
      "Barcelona has little green space per resident and high traffic noise.",
      "Tactical urbanism first (paint, planters), then permanent redesign of green axes.",
      "Air quality and noise improved; retail in the area held up.",
      "Start with temporary measures and measure the effect before building.",
    ),
  },
  {
    lang: "en",
    path: "japan/kumagaya-heatstroke-prevention.md",
    meta: {
      ...base,
      id: "kumagaya-heatstroke-prevention",
      title: "Heatstroke prevention in Japan's hottest city",
      city: "Kumagaya",
      country: "JP",
      region: "japan/kanto",
      programmes: [],
      hazards: ["extreme-heat/heatwave"],
      sectors: ["health"],
      measures: ["knowledge/early-warning", "knowledge/awareness"],
      type: "adaptation",
      status: "ongoing",
      started: 2008,
      population: 190000,
      coordinates: [36.147, 139.389],
      summary:
        "Kumagaya, which recorded 41.1 °C in 2018, combines heat alerts, cooling shelters in shops and public buildings, and door-to-door checks on elderly residents to prevent heatstroke (熱中症).",
      outcomes: [{ metric: "Cooling shelters (cool oases)", value: 160, unit: null, year: 2023 }],
      sources: [src("熊谷市 暑さ対策", "https://www.city.kumagaya.lg.jp/")],
    },
    html: body(
      "Kumagaya regularly records the highest temperatures in Japan.",
      "Heat alerts by e-mail and loudspeaker, <em>machinaka oasis</em> cooling spots and visits to people living alone.",
      "Emergency transports for heatstroke stabilised despite hotter summers.",
      "Small, many and close-by cooling spots matter more than a few large ones.",
    ),
  },
  {
    lang: "ja",
    path: "japan/kumagaya-heatstroke-prevention.ja.md",
    meta: {
      ...base,
      id: "kumagaya-heatstroke-prevention",
      title: "日本一暑いまちの熱中症対策",
      city: "熊谷市",
      country: "JP",
      region: "japan/kanto",
      programmes: [],
      hazards: ["extreme-heat/heatwave"],
      sectors: ["health"],
      measures: ["knowledge/early-warning", "knowledge/awareness"],
      type: "adaptation",
      status: "ongoing",
      started: 2008,
      population: 190000,
      coordinates: [36.147, 139.389],
      summary:
        "2018年に41.1℃を記録した熊谷市は、熱中症警戒情報の配信、商店や公共施設のクールシェア拠点、高齢者の見守り訪問を組み合わせて熱中症を防いでいる。",
      outcomes: [{ metric: "まちなかオアシス（涼み処）", value: 160, unit: null, year: 2023 }],
      sources: [src("熊谷市 暑さ対策", "https://www.city.kumagaya.lg.jp/")],
    },
    html: "<h2>背景</h2><p>熊谷市は国内でも特に気温が高く、熱中症による救急搬送が課題だった。</p><h2>取り組み</h2><p>メールや防災無線による警戒情報、「まちなかオアシス」、一人暮らし高齢者への声かけ。</p><h2>成果</h2><p>猛暑が続くなかでも搬送者数の増加を抑えた。</p>",
  },
  {
    lang: "en",
    path: "japan/yokohama-smart-city.md",
    meta: {
      ...base,
      id: "yokohama-smart-city",
      title: "Yokohama Smart City: demand response with homes and offices",
      city: "Yokohama",
      country: "JP",
      region: "japan/kanto",
      programmes: ["jp-smart-community-demonstration", "jp-environmental-model-city"],
      hazards: [],
      sectors: ["energy", "buildings"],
      measures: ["smart-grid", "renewable-energy/solar", "energy-efficiency"],
      type: "mitigation",
      status: "completed",
      started: 2010,
      ended: 2014,
      population: 3770000,
      summary:
        "Some 4,200 homes, offices and a large commercial area shared solar power, batteries and EV charging through energy management systems, cutting peak demand by up to 22 %.",
      outcomes: [{ metric: "Peak demand cut", value: 22, unit: "%", year: 2014 }],
      sources: [src("Yokohama Smart City Project", "https://www.city.yokohama.lg.jp/")],
    },
    html: body(
      "Yokohama was selected as one of four smart-community demonstration areas.",
      "Home and building energy management systems received price signals and shifted demand.",
      "Peak demand fell by up to 22 % in tests; 37 MW of solar was installed.",
      "Partnerships with utilities and manufacturers continued as a business after the subsidy.",
    ),
  },
  {
    lang: "en",
    path: "japan/maniwa-biomass-town.md",
    meta: {
      ...base,
      id: "maniwa-biomass-town",
      title: "Maniwa Biomass Town: power from forestry residues",
      city: "Maniwa",
      country: "JP",
      region: "japan/chugoku",
      programmes: ["jp-decarbonization-leading-area/round-2"],
      hazards: [],
      sectors: ["energy", "forestry"],
      measures: ["renewable-energy/bioenergy", "circular-economy"],
      type: "mitigation",
      status: "ongoing",
      started: 2015,
      population: 43000,
      summary:
        "A 10 MW plant burns offcuts and thinnings from local sawmills and forests, supplying power for about 22,000 households and keeping money in the region.",
      outcomes: [{ metric: "Electricity self-sufficiency", value: 58, unit: "%", year: 2022 }],
      sources: [src("真庭市 バイオマス産業杜市", "https://www.city.maniwa.lg.jp/")],
    },
    html: body(
      "Maniwa's timber industry produced large amounts of unused residues.",
      "Sawmills, forest owners and the city founded a joint power company.",
      "The plant runs on local wood and supports forestry jobs.",
      "A stable fuel supply contract is the key to a biomass plant.",
    ),
  },
];
