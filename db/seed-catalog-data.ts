/**
 * Word lists for the demo catalog: a German chain's assortment, with fictional brands so no real
 * trademark ends up in screenshots. Costs are store purchase prices in cents for the brand-average
 * product; the generator varies them by brand tier and pack.
 */
export type ProductSpec = {
  /** `{v}` marks where the variant goes; without it a non-empty variant is appended. */
  name: string
  variants?: readonly string[]
  /** [size label, unit cost in cents, unit of measure when not 'pcs'] */
  sizes: ReadonlyArray<readonly [string, number, string?]>
  /** Units per case the supplier ships; deliveries come in whole cases. */
  caseSize?: number
}

export type CategorySpec = {
  key: string
  supplier: string
  /** Retail price = cost × a margin drawn from this range. */
  margin: readonly [number, number]
  /** Relative demand per item: beverages and dairy turn faster than batteries. */
  demand: number
  caseSize: number
  /** Index 0 is the chain's own label (cheaper), the last a premium brand (dearer). */
  brands: readonly string[]
  products: readonly ProductSpec[]
}

export const OWN_LABEL = 'Unsere Wahl'

export const CATEGORIES: readonly CategorySpec[] = [
  {
    key: 'dairy',
    supplier: 'Kühlkette Nord GmbH',
    margin: [1.22, 1.4],
    demand: 1.6,
    caseSize: 10,
    brands: [OWN_LABEL, 'Nordhof', 'Alpenmilch', 'Hofgut Lindner', 'Weidegrün', 'Molkerei Sander', 'Bergbauer', 'Gut Rosenau'],
    products: [
      { name: 'Vollmilch 3,5 %', variants: ['', 'laktosefrei', 'Bio'], sizes: [['1 l', 89]] },
      { name: 'Fettarme Milch 1,5 %', variants: ['', 'laktosefrei'], sizes: [['1 l', 82]] },
      {
        name: 'Joghurt {v}',
        variants: ['Natur', 'Erdbeere', 'Heidelbeere', 'Vanille', 'Pfirsich-Maracuja', 'Stracciatella', 'Griechische Art'],
        sizes: [['150 g', 32], ['500 g', 78]],
      },
      { name: 'Speisequark {v}', variants: ['Magerstufe', '20 % Fett', '40 % Fett'], sizes: [['250 g', 55], ['500 g', 99]] },
      { name: 'Schlagsahne 30 %', sizes: [['200 g', 79]] },
      { name: 'Butter {v}', variants: ['Süßrahm', 'mildgesäuert', 'gesalzen'], sizes: [['250 g', 169]] },
      { name: 'Gouda {v}', variants: ['jung', 'mittelalt', 'alt'], sizes: [['400 g', 249], ['Scheiben 200 g', 139]] },
      { name: 'Emmentaler Scheiben', sizes: [['150 g', 149]] },
      { name: 'Mozzarella', variants: ['', 'Mini', 'Bio'], sizes: [['125 g', 59]] },
      { name: 'Frischkäse {v}', variants: ['Natur', 'Kräuter', 'Paprika-Chili'], sizes: [['200 g', 99]] },
      { name: 'Kefir', sizes: [['500 ml', 89]] },
      { name: 'Pudding {v}', variants: ['Schoko', 'Vanille', 'Karamell'], sizes: [['4 x 125 g', 119]] },
    ],
  },
  {
    key: 'bakery',
    supplier: 'Backwaren Kramer KG',
    margin: [1.3, 1.5],
    demand: 1.3,
    caseSize: 8,
    brands: [OWN_LABEL, 'Backhaus Kramer', 'Kornmühle', 'Goldähre', 'Mühlenbäcker', 'Sonnenkorn', 'Brotzeit', 'Landbäckerei Voss'],
    products: [
      { name: 'Vollkornbrot', variants: ['', 'Sonnenblume', 'Roggen'], sizes: [['500 g', 99], ['750 g', 139]] },
      { name: 'Toastbrot {v}', variants: ['Weizen', 'Vollkorn', 'Butter'], sizes: [['500 g', 89]] },
      { name: 'Aufbackbrötchen {v}', variants: ['Weizen', 'Körner'], sizes: [['6 Stück', 99], ['10 Stück', 149]] },
      { name: 'Croissants {v}', variants: ['Butter', 'Schoko'], sizes: [['4 Stück', 129]] },
      { name: 'Knäckebrot {v}', variants: ['Roggen', 'Sesam', 'Vollkorn'], sizes: [['250 g', 89]] },
      { name: 'Zwieback', sizes: [['225 g', 79]] },
      { name: 'Rührkuchen {v}', variants: ['Marmor', 'Zitrone', 'Schoko'], sizes: [['400 g', 149]] },
      { name: 'Laugenbrezeln', sizes: [['4 Stück', 119]] },
    ],
  },
  {
    key: 'groceries',
    supplier: 'Zentrallager Mitte',
    margin: [1.28, 1.5],
    demand: 1,
    caseSize: 12,
    brands: [OWN_LABEL, 'Feinkost Albers', 'Mühlenhof', 'Bella Cucina', 'Sonnenfeld', 'Gut & Gerne', 'Hansa Kontor', 'Manufaktur Lenz'],
    products: [
      { name: '{v}', variants: ['Spaghetti', 'Penne Rigate', 'Fusilli', 'Farfalle', 'Tagliatelle', 'Spaghetti Vollkorn'], sizes: [['500 g', 59]] },
      { name: 'Langkornreis', variants: ['', 'Parboiled'], sizes: [['500 g', 79], ['1 kg', 129]] },
      { name: 'Basmati-Reis', sizes: [['1 kg', 229]] },
      { name: 'Weizenmehl Type 405', sizes: [['1 kg', 49]] },
      { name: 'Zucker', sizes: [['1 kg', 79]] },
      { name: 'Gehackte Tomaten', variants: ['', 'mit Kräutern', 'Bio'], sizes: [['400 g', 45]] },
      { name: 'Passierte Tomaten', sizes: [['500 g', 55]] },
      { name: 'Kaffee {v}', variants: ['gemahlen', 'ganze Bohne', 'Espresso', 'entkoffeiniert'], sizes: [['500 g', 449], ['1 kg', 849]], caseSize: 6 },
      { name: 'Tee {v}', variants: ['Pfefferminz', 'Kamille', 'Earl Grey', 'Früchte', 'Grüner Tee'], sizes: [['20 Beutel', 119]] },
      { name: 'Haferflocken {v}', variants: ['zart', 'kernig'], sizes: [['500 g', 59]] },
      { name: 'Müsli {v}', variants: ['Früchte', 'Schoko', 'Nuss', 'Crunchy'], sizes: [['750 g', 219]], caseSize: 6 },
      { name: 'Cornflakes', sizes: [['375 g', 149]] },
      { name: 'Konfitüre {v}', variants: ['Erdbeer', 'Aprikose', 'Kirsch', 'Himbeer'], sizes: [['450 g', 129]] },
      { name: 'Blütenhonig', variants: ['', 'cremig'], sizes: [['500 g', 399]], caseSize: 6 },
      { name: 'Sonnenblumenöl', sizes: [['1 l', 169]] },
      { name: 'Olivenöl nativ extra', sizes: [['500 ml', 499]], caseSize: 6 },
      { name: 'Balsamico-Essig', sizes: [['500 ml', 179]] },
      { name: 'Senf {v}', variants: ['mittelscharf', 'süß', 'Dijon'], sizes: [['200 ml', 59]] },
      { name: 'Tomatenketchup', variants: ['', 'Curry'], sizes: [['500 ml', 119]] },
      { name: 'Thunfisch in Öl', sizes: [['185 g', 129]] },
      { name: 'Kidneybohnen', sizes: [['400 g', 59]] },
      { name: 'Gemüsemais', sizes: [['340 g', 69]] },
      { name: 'Linseneintopf', sizes: [['800 g', 169]] },
    ],
  },
  {
    key: 'beverages',
    supplier: 'Getränke Hansen KG',
    margin: [1.28, 1.5],
    demand: 1.5,
    caseSize: 6,
    brands: [OWN_LABEL, 'Rhönblick', 'Hanseatic', 'Fruchtwerk', 'Kehler', 'Sommerfeld', 'Bergquelle', 'Staiger Reserve'],
    products: [
      { name: 'Mineralwasser {v}', variants: ['Classic', 'Medium', 'Still'], sizes: [['1,5 l', 19], ['6 x 1,5 l', 109, 'pack'], ['0,75 l Glas', 35]] },
      { name: 'Apfelsaft {v}', variants: ['klar', 'naturtrüb'], sizes: [['1 l', 89]] },
      { name: 'Orangensaft', variants: ['mit Fruchtfleisch', 'ohne Fruchtfleisch'], sizes: [['1 l', 119]] },
      { name: 'Multivitaminsaft', sizes: [['1 l', 99]] },
      { name: 'Cola', variants: ['', 'Zero', 'Light'], sizes: [['1,5 l', 69], ['0,33 l Dose', 39]] },
      { name: 'Zitronenlimonade', variants: ['', 'zuckerfrei'], sizes: [['1 l', 59]] },
      { name: 'Eistee {v}', variants: ['Pfirsich', 'Zitrone'], sizes: [['1,5 l', 69]] },
      { name: 'Pils', sizes: [['0,5 l', 59], ['6 x 0,33 l', 349, 'pack'], ['Kasten 20 x 0,5 l', 1199, 'crate']] },
      { name: 'Weißbier {v}', variants: ['hell', 'dunkel', 'alkoholfrei'], sizes: [['0,5 l', 69]] },
      { name: 'Radler', sizes: [['0,5 l', 55]] },
      { name: 'Rotwein {v}', variants: ['Merlot', 'Spätburgunder', 'Rioja', 'Chianti'], sizes: [['0,75 l', 349]] },
      { name: 'Weißwein {v}', variants: ['Riesling', 'Grauburgunder', 'Sauvignon Blanc'], sizes: [['0,75 l', 329]] },
      { name: 'Sekt trocken', sizes: [['0,75 l', 299]] },
      { name: 'Energy Drink', variants: ['', 'Sugarfree'], sizes: [['0,25 l Dose', 59]], caseSize: 24 },
    ],
  },
  {
    key: 'snacks',
    supplier: 'Zentrallager Mitte',
    margin: [1.35, 1.6],
    demand: 1.2,
    caseSize: 12,
    brands: [OWN_LABEL, 'Knusperland', 'Naschwerk', 'Genussmoment', 'Sonntagsglück', 'Crunchy Co.', 'Fritz', 'Manufaktur Berg'],
    products: [
      { name: 'Kartoffelchips {v}', variants: ['Paprika', 'Salz', 'Sour Cream', 'Chili'], sizes: [['175 g', 99]] },
      { name: 'Vollmilchschokolade', variants: ['', 'Nuss', 'Joghurt', 'Knusperreis'], sizes: [['100 g', 59]], caseSize: 20 },
      { name: 'Zartbitterschokolade 70 %', sizes: [['100 g', 89]], caseSize: 20 },
      { name: 'Fruchtgummi {v}', variants: ['Goldbären', 'Saure Zungen', 'Colafläschchen', 'Vegan'], sizes: [['200 g', 69]] },
      { name: 'Butterkekse', sizes: [['200 g', 59]] },
      { name: 'Schokokekse', sizes: [['300 g', 119]] },
      { name: 'Erdnüsse geröstet & gesalzen', sizes: [['200 g', 119]] },
      { name: 'Studentenfutter', sizes: [['200 g', 149]] },
      { name: 'Salzstangen', sizes: [['250 g', 59]] },
      { name: 'Popcorn {v}', variants: ['süß', 'salzig'], sizes: [['100 g', 79]] },
      { name: 'Müsliriegel {v}', variants: ['Schoko', 'Nuss', 'Beere'], sizes: [['6 x 25 g', 119]] },
    ],
  },
  {
    key: 'frozen',
    supplier: 'Kühlkette Nord GmbH',
    margin: [1.3, 1.5],
    demand: 0.9,
    caseSize: 8,
    brands: [OWN_LABEL, 'Eisberg', 'Polarstern', 'Frostino', 'Gartenfrisch', 'Nordstern', 'Tiefkühl Hansa', 'Frost & Feinkost'],
    products: [
      { name: 'Steinofenpizza {v}', variants: ['Margherita', 'Salami', 'Funghi', 'Tonno', 'Vier Käse'], sizes: [['350 g', 149]] },
      { name: 'Rahmspinat', sizes: [['450 g', 99]] },
      { name: 'Erbsen', sizes: [['750 g', 119]] },
      { name: 'Gemüsemischung {v}', variants: ['Italienisch', 'Asiatisch', 'Buttergemüse'], sizes: [['750 g', 139]] },
      { name: 'Fischstäbchen', sizes: [['15 Stück', 199], ['30 Stück', 369]] },
      { name: 'Pommes frites', variants: ['', 'Backofen', 'Wellenschnitt'], sizes: [['1 kg', 149]] },
      { name: 'Eiscreme {v}', variants: ['Vanille', 'Schokolade', 'Erdbeer', 'Stracciatella'], sizes: [['900 ml', 199]], caseSize: 6 },
      { name: 'Himbeeren', sizes: [['300 g', 189]] },
      { name: 'Beerenmischung', sizes: [['500 g', 249]] },
      { name: 'Lachsfilet', sizes: [['250 g', 399]], caseSize: 6 },
    ],
  },
  {
    key: 'deli',
    supplier: 'Kühlkette Nord GmbH',
    margin: [1.3, 1.55],
    demand: 1.1,
    caseSize: 8,
    brands: [OWN_LABEL, 'Holt', 'Landfleisch', 'Gutshof Behrens', 'Schwarzwaldhof', 'Jansen', 'Hofgut Lindner', 'Delikatessen Brandl'],
    products: [
      { name: 'Salami {v}', variants: ['luftgetrocknet', 'Pfeffer', 'Geflügel'], sizes: [['100 g', 119]] },
      { name: 'Kochschinken', sizes: [['150 g', 149]] },
      { name: 'Wiener Würstchen', sizes: [['6 Stück', 189]] },
      { name: 'Leberwurst {v}', variants: ['fein', 'grob'], sizes: [['125 g', 79]] },
      { name: 'Lachsschinken', sizes: [['80 g', 159]] },
      { name: 'Hähnchenbrust-Aufschnitt', sizes: [['100 g', 129]] },
      { name: 'Frikadellen', sizes: [['4 Stück', 249]] },
      { name: 'Räucherlachs', sizes: [['100 g', 299]] },
    ],
  },
  {
    key: 'drugstore',
    supplier: 'DrogeriePartner GmbH',
    margin: [1.5, 1.9],
    demand: 0.6,
    caseSize: 6,
    brands: [OWN_LABEL, 'Sanfina', 'Dermaline', 'Vitalis', 'Blütenzart', 'Aquaris', 'Frischwerk', 'Naturkraft'],
    products: [
      { name: 'Shampoo {v}', variants: ['Anti-Schuppen', 'Repair', 'Volumen', 'Sensitiv'], sizes: [['300 ml', 129]] },
      { name: 'Duschgel {v}', variants: ['Sport', 'Meeresfrische', 'Kokos', 'Sensitiv'], sizes: [['250 ml', 79]] },
      { name: 'Zahnpasta {v}', variants: ['Kariesschutz', 'Sensitive', 'Whitening', 'Kräuter'], sizes: [['75 ml', 89]] },
      { name: 'Zahnbürste {v}', variants: ['mittel', 'weich'], sizes: [['2 Stück', 149]] },
      { name: 'Deo Roll-on {v}', variants: ['Fresh', 'Sensitive', 'Men'], sizes: [['50 ml', 109]] },
      { name: 'Deospray', sizes: [['150 ml', 119]] },
      { name: 'Handseife {v}', variants: ['Milch & Honig', 'Aloe Vera', 'Zitrone'], sizes: [['300 ml', 69]] },
      { name: 'Sonnencreme LSF {v}', variants: ['30', '50', '50+ Kids'], sizes: [['200 ml', 399]] },
      { name: 'Windeln Größe {v}', variants: ['3', '4', '5', '6'], sizes: [['Jumbo-Pack', 799, 'pack']], caseSize: 3 },
      { name: 'Taschentücher', sizes: [['10 x 10 Stück', 99, 'pack']], caseSize: 12 },
      { name: 'Wattepads', sizes: [['80 Stück', 59]], caseSize: 12 },
      { name: 'Rasierklingen', sizes: [['4 Stück', 599]] },
    ],
  },
  {
    key: 'household',
    supplier: 'DrogeriePartner GmbH',
    margin: [1.4, 1.7],
    demand: 0.5,
    caseSize: 6,
    brands: [OWN_LABEL, 'Glanzwerk', 'Blitzblank', 'Sauberland', 'Haushaltsprofi', 'Ökowelle', 'Kraftmeister', 'Pure Home'],
    products: [
      { name: 'Vollwaschmittel {v}', variants: ['Pulver', 'Gel', 'Caps'], sizes: [['20 WL', 349], ['40 WL', 599]], caseSize: 4 },
      { name: 'Spülmittel {v}', variants: ['Zitrone', 'Balsam', 'Sensitiv'], sizes: [['500 ml', 89]], caseSize: 12 },
      { name: 'Toilettenpapier 3-lagig', sizes: [['8 Rollen', 279, 'pack'], ['16 Rollen', 499, 'pack']], caseSize: 4 },
      { name: 'Küchenrollen', sizes: [['4 Rollen', 249, 'pack']], caseSize: 4 },
      { name: 'Müllbeutel {v}', variants: ['10 l', '30 l', '60 l'], sizes: [['20 Stück', 149]] },
      { name: 'Schwammtücher', sizes: [['10 Stück', 99]] },
      { name: 'Allzweckreiniger {v}', variants: ['Zitrone', 'Frühlingsfrische'], sizes: [['1 l', 119]] },
      { name: 'Spülmaschinentabs {v}', variants: ['All-in-1', 'Classic'], sizes: [['40 Stück', 449]] },
      { name: 'Batterien {v}', variants: ['AA', 'AAA'], sizes: [['4 Stück', 299]], caseSize: 12 },
      { name: 'LED-Lampe E27 {v}', variants: ['warmweiß', 'neutralweiß'], sizes: [['1 Stück', 249]] },
      { name: 'Alufolie', sizes: [['30 m', 129]] },
      { name: 'Frischhaltefolie', sizes: [['50 m', 99]] },
      { name: 'Backpapier', sizes: [['8 m', 89]] },
    ],
  },
  {
    key: 'pet',
    supplier: 'Zentrallager Mitte',
    margin: [1.35, 1.6],
    demand: 0.6,
    caseSize: 12,
    brands: [OWN_LABEL, 'Tierlieb', 'Pfotenglück', 'Fellfreund', 'Happy Paws', 'Vitanimal', 'Naturfutter', 'Premium Pet'],
    products: [
      { name: 'Katzenfutter {v}', variants: ['Huhn', 'Rind', 'Lachs', 'Ente'], sizes: [['85 g', 25], ['12 x 85 g', 299, 'pack']] },
      { name: 'Katzenstreu', variants: ['', 'klumpend'], sizes: [['10 l', 299]], caseSize: 3 },
      { name: 'Hundefutter {v}', variants: ['Rind', 'Geflügel', 'Lamm & Reis'], sizes: [['400 g', 89], ['800 g', 149]] },
      { name: 'Hundesnacks', sizes: [['150 g', 149]] },
      { name: 'Katzen-Trockenfutter {v}', variants: ['Huhn', 'Lachs'], sizes: [['1,5 kg', 399]], caseSize: 4 },
    ],
  },
]

/** Used once a catalog is larger than all brand × product combinations: the next round comes in packs. */
export const PACK_ROUNDS: ReadonlyArray<readonly [string, number]> = [
  ['', 1],
  ['2er-Pack', 2],
  ['3er-Pack', 3],
  ['4er-Pack', 4],
  ['Vorratspack', 5],
  ['6er-Pack', 6],
  ['Familienpackung', 8],
  ['10er-Pack', 10],
]
