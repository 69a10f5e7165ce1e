<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="cy">
  <context>
    <name>CrimeMap</name>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>1 force</source>
      <translation>1 heddlu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>&lt;b&gt;{crimes}&lt;/b&gt; crimes · {forces} · {first} to {last}</source>
      <translation>&lt;b&gt;{crimes}&lt;/b&gt; trosedd · {forces} · {first} i {last}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>A month has no data</source>
      <translation>Does dim data am fis</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>A month of either period has no data for this force</source>
      <translation>Does dim data gan yr heddlu hwn am fis yn un o'r ddau gyfnod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>A month of this period has no data for this force</source>
      <translation>Does dim data gan yr heddlu hwn am fis yn y cyfnod hwn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>A one-page briefing for this neighbourhood (period and crime as chosen in the Crime Map dock), opened in the layout designer</source>
      <translation>Briff un dudalen ar gyfer y gymdogaeth hon (y cyfnod a'r drosedd a ddewiswyd yn y panel Map Troseddau), wedi'i agor yn y dylunydd cynllun</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>All crime</source>
      <translation>Pob trosedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Another area</source>
      <translation>Ardal arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Anti-social behaviour</source>
      <translation>Ymddygiad gwrthgymdeithasol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Area</source>
      <translation>Ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>Area level</source>
      <translation>Lefel ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Asking police.uk…</source>
      <translation>Yn holi police.uk…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>Baseline</source>
      <translation>Cyfnod cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Before</source>
      <translation>Cynt</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Beyond chance?</source>
      <translation>Y tu hwnt i siawns?</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Bicycle theft</source>
      <translation>Dwyn beiciau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Briefing</source>
      <translation>Briff</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Briefing map…</source>
      <translation>Map briffio…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Burglary</source>
      <translation>Byrgleriaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>Category (API slug, or all-crime)</source>
      <translation>Categori (slug API, neu all-crime)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Category (API slug; empty = all)</source>
      <translation>Categori (slug API; gwag = y cyfan)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Change</source>
      <translation>Newid</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Change %</source>
      <translation>Newid %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Change as a percentage of the baseline (empty when the baseline is 0)</source>
      <translation>Y newid fel canran o'r cyfnod cymharu (gwag pan fo'r cyfnod cymharu yn 0)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Change store…</source>
      <translation>Newid y storfa…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Click the map with the neighbourhood tool.</source>
      <translation>Cliciwch ar y map gyda'r offeryn cymdogaeth.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>Comparison</source>
      <translation>Cymhariaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Could not refresh from police.uk ({}); showing the stored details.</source>
      <translation>Methu adnewyddu o police.uk ({}); yn dangos y manylion a storiwyd.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/plugin.py" />
      <source>Crime Map</source>
      <translation>Map Troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Crimes</source>
      <translation>Troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Crimes in the 12 months to the end month per 1,000 residents</source>
      <translation>Troseddau yn y 12 mis hyd at y mis olaf fesul 1,000 o drigolion</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Crimes in the baseline period</source>
      <translation>Troseddau yn y cyfnod cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Crimes in the period</source>
      <translation>Troseddau yn y cyfnod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Crimes in the period minus crimes in the baseline</source>
      <translation>Troseddau yn y cyfnod llai troseddau'r cyfnod cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Crimes in the period per 1,000 residents (Census 2021)</source>
      <translation>Troseddau yn y cyfnod fesul 1,000 o drigolion (Cyfrifiad 2021)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Crimes per 1,000 residents</source>
      <translation>Troseddau fesul 1,000 o drigolion</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Crimes per 1,000 residents a year</source>
      <translation>Troseddau fesul 1,000 o drigolion y flwyddyn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Criminal damage and arson</source>
      <translation>Difrod troseddol a llosgi bwriadol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Drugs</source>
      <translation>Cyffuriau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>End month (YYYY-MM; empty = latest in the store)</source>
      <translation>Mis olaf (BBBB-MM; gwag = y diweddaraf yn y storfa)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Every stored neighbourhood of the force (one page each)</source>
      <translation>Pob cymdogaeth a storiwyd i'r heddlu (un dudalen yr un)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>First month (YYYY-MM)</source>
      <translation>Mis cyntaf (BBBB-MM)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Force (police.uk id, e.g. gloucestershire)</source>
      <translation>Heddlu (id police.uk, e.e. gloucestershire)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Force (police.uk id, e.g. kent)</source>
      <translation>Heddlu (dynodwr police.uk, e.e. kent)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>Greyed settings are set by the environment (CRIMEMAP_STORE, CRIMEMAP_API_URL).</source>
      <translation>Mae'r amgylchedd yn pennu'r gosodiadau llwyd (CRIMEMAP_STORE, CRIMEMAP_API_URL).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>INPUT is required: a CSV file, a folder or a zip archive.</source>
      <translation>Mae angen INPUT: ffeil CSV, ffolder neu archif zip.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Import a force's neighbourhoods first (store menu, or crimemap:importneighbourhoods in Processing)</source>
      <translation>Mewnforiwch gymdogaethau heddlu yn gyntaf (dewislen y storfa, neu crimemap:importneighbourhoods yn Prosesu)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Import data…</source>
      <translation>Mewnforio data…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Import neighbourhoods…</source>
      <translation>Mewnforio cymdogaethau…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>In the table, not on the map (no area boundary): {}</source>
      <translation>Yn y tabl, nid ar y map (dim ffin ardal): {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Is the change larger than chance would explain? Exact test for two Poisson counts, allowing for the number of areas compared (Benjamini–Hochberg q &lt; 0.05); p and q are in each cell's tooltip</source>
      <translation>A yw'r newid yn fwy nag y byddai siawns yn ei egluro? Prawf union ar gyfer dau gyfrif Poisson, gan ystyried nifer yr ardaloedd a gymharwyd (Benjamini–Hochberg q &lt; 0.05); mae p a q yng nghyngor pob cell</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Kind of file</source>
      <translation>Math o ffeil</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>LEVEL lsoa needs AREAS (LSOA boundaries) and AREA_CODE_FIELD.</source>
      <translation>Mae LEVEL lsoa angen AREAS (ffiniau LSOA) ac AREA_CODE_FIELD.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>LSOA boundaries (LEVEL lsoa only)</source>
      <translation>Ffiniau LSOA (LEVEL lsoa yn unig)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>LSOA code field</source>
      <translation>Maes cod LSOA</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Last month (YYYY-MM)</source>
      <translation>Mis olaf (BBBB-MM)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Let the audit decide {force}'s {month} again (marked whole)</source>
      <translation>Gadael i'r archwiliad benderfynu ar {month} {force} eto (wedi'i farcio'n gyflawn)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Load sample</source>
      <translation>Llwytho sampl</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Mark a month whole</source>
      <translation>Marcio mis yn gyflawn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>Measure to map</source>
      <translation>Mesur i'w fapio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Month (YYYY-MM)</source>
      <translation>Mis (BBBB-MM)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>Months in the period</source>
      <translation>Misoedd yn y cyfnod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Neighbourhood</source>
      <translation>Cymdogaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Neighbourhood (police.uk id; empty = the whole force)</source>
      <translation>Cymdogaeth (id police.uk; gwag = yr heddlu cyfan)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_neighbourhoods.py" />
      <source>Neighbourhood KML zip (optional; instead of the API)</source>
      <translation>Zip KML cymdogaethau (dewisol; yn lle'r API)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/plugin.py" />
      <source>Neighbourhood team at a point</source>
      <translation>Tîm cymdogaeth mewn pwynt</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Neighbourhoods</source>
      <translation>Cymdogaethau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_neighbourhoods.py" />
      <source>Neighbourhoods stored</source>
      <translation>Cymdogaethau a storiwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_neighbourhoods.py" />
      <source>Neighbourhoods that failed</source>
      <translation>Cymdogaethau a fethodd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>No crimes in the baseline: a percentage is not defined</source>
      <translation>Dim troseddau yn y cyfnod cymharu: does dim canran</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>No data for {}</source>
      <translation>Dim data ar gyfer {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>No neighbourhood here in the store, and police.uk did not answer: {}</source>
      <translation>Does dim cymdogaeth yma yn y storfa, ac ni atebodd police.uk: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>No residents (British Transport Police polices the railways): a rate is not defined</source>
      <translation>Dim trigolion (mae Heddlu Trafnidiaeth Prydain yn plismona'r rheilffyrdd): nid oes cyfradd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>No stored neighbourhood at {}, {}: asking police.uk…</source>
      <translation>Dim cymdogaeth wedi'i storio yn {}, {}: yn holi police.uk…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>Nothing imported: </source>
      <translation>Dim wedi'i fewnforio: </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Opening {}…</source>
      <translation>Yn agor {}…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Other crime</source>
      <translation>Troseddau eraill</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Other theft</source>
      <translation>Dwyn arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Pages</source>
      <translation>Tudalennau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>Partial submission (counted as incomplete in comparisons): </source>
      <translation>Cyflwyniad rhannol (yn cyfrif yn anghyflawn mewn cymariaethau): </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Partial submission in {}: the force published far fewer rows than in the months around it, so this is not compared</source>
      <translation>Cyflwyniad rhannol yn {}: cyhoeddodd yr heddlu lawer llai o resi nag yn y misoedd o'i gwmpas, felly ni chaiff ei gymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Per 1,000</source>
      <translation>Fesul 1,000</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Per 1,000, 12 months</source>
      <translation>Fesul 1,000, 12 mis</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Police force areas</source>
      <translation>Ardaloedd heddluoedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Polygons</source>
      <translation>Polygonau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Polygons with crime counts</source>
      <translation>Polygonau gyda chyfrifon troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Possession of weapons</source>
      <translation>Meddu ar arfau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Previous period</source>
      <translation>Y cyfnod blaenorol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Public order</source>
      <translation>Trefn gyhoeddus</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Refresh from police.uk</source>
      <translation>Adnewyddu o police.uk</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Robbery</source>
      <translation>Lladrad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Same period last year</source>
      <translation>Yr un cyfnod y llynedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Shoplifting</source>
      <translation>Dwyn o siopau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Show police force areas</source>
      <translation>Dangos ardaloedd heddluoedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Status now</source>
      <translation>Statws nawr</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>Store</source>
      <translation>Storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>Store (GeoPackage created or updated, or PostgreSQL connection)</source>
      <translation>Storfa (GeoPackage a grëwyd neu a ddiweddarwyd, neu gysylltiad PostgreSQL)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>Store (GeoPackage)</source>
      <translation>Storfa (GeoPackage)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>Store (GeoPackage, or PostgreSQL connection name or postgresql:// URI)</source>
      <translation>Storfa (GeoPackage, neu enw cysylltiad PostgreSQL neu URI postgresql://)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Store: {}</source>
      <translation>Storfa: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Store: {} (empty)</source>
      <translation>Storfa: {} (gwag)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>The area</source>
      <translation>Yr ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>The comparison failed: {}</source>
      <translation>Methodd y gymhariaeth: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>The coverage audit finds {force} {month} partial: {rows:,} rows against about {expected:,.0f} expected from the months around it. Compare it as a whole month anyway? (Kept in the store; you can take it back here.)</source>
      <translation>Mae'r archwiliad cwmpas yn canfod bod {month} {force} yn rhannol: {rows:,} o resi yn erbyn tua {expected:,.0f} a ddisgwylir o'r misoedd o'i gwmpas. Ei gymharu fel mis cyflawn beth bynnag? (Cedwir yn y storfa; gallwch ei dynnu'n ôl yma.)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>The store cannot be read: {}</source>
      <translation>Ni ellir darllen y storfa: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Theft from the person</source>
      <translation>Dwyn oddi ar y person</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Treat {force}'s {month} as whole (the audit finds it partial: {rows:,} rows, about {expected:,.0f} expected)…</source>
      <translation>Trin {month} {force} fel mis cyflawn (mae'r archwiliad yn ei ganfod yn rhannol: {rows:,} o resi, tua {expected:,.0f} a ddisgwylir)…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Unknown category: </source>
      <translation>Categori anhysbys: </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_neighbourhoods.py" />
      <source>Unknown force: </source>
      <translation>Heddlu anhysbys: </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Vehicle crime</source>
      <translation>Troseddau cerbydau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Violence and sexual offences</source>
      <translation>Trais a throseddau rhywiol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/upgrade_store.py" />
      <source>What was done</source>
      <translation>Beth a wnaed</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Whole (untick to let the audit decide again)</source>
      <translation>Cyflawn (dad-diciwch i adael i'r archwiliad benderfynu eto)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>n/a</source>
      <translation>amh</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>no</source>
      <translation>na</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>no data</source>
      <translation>dim data</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>p = {p}, q = {q}: larger than chance would explain, allowing for the {n} areas compared (q &lt; 0.05)</source>
      <translation>p = {p}, q = {q}: mwy nag y byddai siawns yn ei egluro, gan ystyried y {n} ardal a gymharwyd (q &lt; 0.05)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>p = {p}, q = {q}: within what chance would explain, allowing for the {n} areas compared</source>
      <translation>p = {p}, q = {q}: o fewn yr hyn y byddai siawns yn ei egluro, gan ystyried y {n} ardal a gymharwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>partial data</source>
      <translation>data rhannol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>police.uk API base URL</source>
      <translation>URL sylfaen API police.uk</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>police.uk CSV file, folder or zip archive</source>
      <translation>Ffeil CSV police.uk, ffolder neu archif zip</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>{} forces</source>
      <translation>{} heddlu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>{} · {}: no team details stored yet; asking police.uk…</source>
      <translation>{} · {}: dim manylion tîm wedi'u storio eto; yn holi police.uk…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>{} · {}: no team details stored, and police.uk did not answer: {}</source>
      <translation>{} · {}: dim manylion tîm wedi'u storio, ac ni atebodd police.uk: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>{}: upgraded ({})</source>
      <translation>{}: wedi'i huwchraddio ({})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>▲ yes</source>
      <translation>▲ ydy</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>▼ yes</source>
      <translation>▼ ydy</translation>
    </message>
  </context>
  <context>
    <name>CrimeMapDockContents</name>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>&lt;b&gt;No crime data in the store yet.&lt;/b&gt;&lt;br&gt;Load the sample (City of London Police, 24 months of real police.uk data) or import files downloaded from data.police.uk: single CSV files, a custom-download folder or an archive zip.</source>
      <translation>&lt;b&gt;Does dim data troseddau yn y storfa eto.&lt;/b&gt;&lt;br&gt;Llwythwch y sampl (Heddlu Dinas Llundain, 24 mis o ddata police.uk go iawn) neu mewnforiwch ffeiliau a lwythwyd i lawr o data.police.uk: ffeiliau CSV unigol, ffolder lawrlwytho bwrpasol neu archif zip.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>&lt;small&gt;Contains public sector information licensed under the Open Government Licence v3.0.&lt;/small&gt;</source>
      <translation>&lt;small&gt;Yn cynnwys gwybodaeth sector cyhoeddus a drwyddedwyd o dan y Drwydded Llywodraeth Agored v3.0.&lt;/small&gt;</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>A one-page briefing (map, table, trend) for the selected area, opened in the layout designer</source>
      <translation>Briff un dudalen (map, tabl, tuedd) ar gyfer yr ardal a ddewiswyd, wedi'i agor yn y dylunydd cynllun</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Against</source>
      <translation>Yn erbyn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Areas</source>
      <translation>Ardaloedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Briefing…</source>
      <translation>Briff…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>CSV…</source>
      <translation>CSV…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Compare</source>
      <translation>Cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Copy</source>
      <translation>Copïo</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Copy the table to the clipboard (tab-separated)</source>
      <translation>Copïo'r tabl i'r clipfwrdd (wedi'i wahanu â thabiau)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Crime</source>
      <translation>Trosedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Ending</source>
      <translation>Yn gorffen</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Export the table as CSV</source>
      <translation>Allforio'r tabl fel CSV</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Import data, load the sample or change the store</source>
      <translation>Mewnforio data, llwytho'r sampl neu newid y storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Import data.police.uk CSV files, a custom-download folder or an archive zip</source>
      <translation>Mewnforio ffeiliau CSV data.police.uk, ffolder lawrlwytho bwrpasol neu archif zip</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Import data…</source>
      <translation>Mewnforio data…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Import the bundled sample: City of London Police, 24 months of street-level crime</source>
      <translation>Mewnforio'r sampl sy'n dod gyda'r ategyn: Heddlu Dinas Llundain, 24 mis o droseddau lefel stryd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Last month of the period (months in the store)</source>
      <translation>Mis olaf y cyfnod (misoedd yn y storfa)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Length of the period, in months</source>
      <translation>Hyd y cyfnod, mewn misoedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Load sample</source>
      <translation>Llwytho sampl</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Map shows</source>
      <translation>Ar y map</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Months</source>
      <translation>Misoedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Other area</source>
      <translation>Ardal arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Store ▾</source>
      <translation>Storfa ▾</translation>
    </message>
  </context>
</TS>