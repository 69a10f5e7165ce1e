<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy">
  <context>
    <name>CrimeMap</name>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source> (outcomes recorded up to {})</source>
      <translation> (canlyniadau a gofnodwyd hyd at {})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source> (outcomes recorded up to {}, {} months after the period ended)</source>
      <translation> (canlyniadau a gofnodwyd hyd at {}, {} mis ar ôl i'r cyfnod ddod i ben)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source> and {} more</source>
      <translation> a {} arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/charts.py" />
      <source>% of crimes</source>
      <translation>% o droseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/charts.py" />
      <source>% of locations</source>
      <translation>% o leoliadau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>'Beyond chance?' and the headline: {test} ({compared}).</source>
      <translation>'Y tu hwnt i siawns?' a'r pennawd: {test} ({compared}).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>'Partial data': the force published a partial month (far fewer rows than the months around it), so it is not compared.</source>
      <translation>'Data rhannol': cyhoeddodd yr heddlu fis rhannol (llawer llai o resi na'r misoedd o'i gwmpas), felly ni chaiff ei gymharu.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>(as of {date})</source>
      <translation>(fel ar {date})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>(before: {})</source>
      <translation>(cynt: {})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>(no name)</source>
      <translation>(dim enw)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>(outcomes up to {}).</source>
      <translation>(canlyniadau hyd at {}).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>(since {date})</source>
      <translation>(ers {date})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>0 months (recorded in the month of the crime)</source>
      <translation>0 mis (cofnodwyd ym mis y drosedd)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>1 area compared</source>
      <translation>1 ardal a gymharwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>1 crime has no location and is not counted.</source>
      <translation>Mae 1 drosedd heb leoliad ac ni chaiff ei chyfrif.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>1 day ago</source>
      <translation>1 diwrnod yn ôl</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>1 force</source>
      <translation>1 heddlu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>1 month</source>
      <translation>1 mis</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>1 search</source>
      <translation>1 chwiliad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>1 year</source>
      <translation>1 flwyddyn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>; the find rate is not known (the files do not say whether outcomes were linked)</source>
      <translation>; nid yw'r gyfradd canfod yn hysbys (nid yw'r ffeiliau'n dweud a gysylltwyd canlyniadau)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>; {} found what was searched for</source>
      <translation>; canfu {} yr hyn y chwiliwyd amdano</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>; {} have no location</source>
      <translation>; mae {} heb leoliad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>; {} per 1,000 residents</source>
      <translation>; {} fesul 1,000 o drigolion</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>&lt;b&gt;{area}&lt;/b&gt; · {category} · {period}</source>
      <translation>&lt;b&gt;{area}&lt;/b&gt; · {category} · {period}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>&lt;b&gt;{area}&lt;/b&gt; · {period}</source>
      <translation>&lt;b&gt;{area}&lt;/b&gt; · {period}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_view.py" />
      <source>&lt;b&gt;{a} against {b}&lt;/b&gt;, {crime}, {period}</source>
      <translation>&lt;b&gt;{a} yn erbyn {b}&lt;/b&gt;, {crime}, {period}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>&lt;b&gt;{crimes}&lt;/b&gt; crimes · {forces} · {first} to {last}</source>
      <translation>&lt;b&gt;{crimes}&lt;/b&gt; trosedd · {forces} · {first} i {last}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>A GeoPackage (the embedded store), or a team's PostGIS store: the name of a PostgreSQL connection saved in QGIS, or a postgresql:// URI (add ?schema=name for a schema other than crimemap). Passwords come from the connection's authentication configuration, ~/.pgpass or a service file, never from here.</source>
      <translation>GeoPackage (y storfa fewnosodedig), neu storfa PostGIS tîm: enw cysylltiad PostgreSQL a gadwyd yn QGIS, neu URI postgresql:// (ychwanegwch ?schema=name ar gyfer sgema heblaw crimemap). Daw cyfrineiriau o ffurfweddiad dilysu'r cysylltiad, ~/.pgpass neu ffeil gwasanaeth, byth o'r fan hon.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>A PostgreSQL connection saved in QGIS (Data Source Manager ▸ PostgreSQL); its store is in schema crimemap:</source>
      <translation>Cysylltiad PostgreSQL a gadwyd yn QGIS (Data Source Manager ▸ PostgreSQL); mae ei storfa yn y sgema crimemap:</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>A folder (searched through)…</source>
      <translation>Ffolder (chwilio drwyddi i gyd)…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>A missing or partial month reads as a cold spot or a fall. Import the missing months, mark a month whole (crimemap:markwhole) if you know it is complete, choose another period, or tick ALLOW_INCOMPLETE to go ahead.</source>
      <translation>Mae mis coll neu rannol yn ymddangos fel man oer neu gwymp. Mewnforiwch y misoedd coll, marciwch fis yn gyflawn (crimemap:markwhole) os gwyddoch ei fod yn gyflawn, dewiswch gyfnod arall, neu ticiwch ALLOW_INCOMPLETE i fwrw ymlaen.</translation>
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
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>A month with no data, or a partial submission found by the coverage audit, for a force of the area (and British Transport Police when the store holds its crimes) would read as a hole: the algorithm refuses, naming the force and months, unless ALLOW_INCOMPLETE is ticked, and then warns. </source>
      <translation>Byddai mis heb ddata, neu gyflwyniad rhannol a ganfuwyd gan yr archwiliad cwmpas, ar gyfer un o heddluoedd yr ardal (a Heddlu Trafnidiaeth Prydain pan fo'r storfa'n dal ei droseddau) yn ymddangos fel twll: mae'r algorithm yn gwrthod, gan enwi'r heddlu a'r misoedd, oni bai fod ALLOW_INCOMPLETE wedi'i dicio, ac yna mae'n rhybuddio. </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>A one-page A4 landscape briefing for a neighbourhood (NEIGHBOURHOOD, its police.uk id such as AA3) or, with NEIGHBOURHOOD empty, for the whole force: the title with the period and the baseline in words, a headline sentence, the rate per 1,000 residents, a table of the six headline groups (crimes now and before, change, whether it is larger than chance) and the monthly trend. A neighbourhood's map shows where its crimes happened (hot spot cells, or the crimes as points when there are few), its five busiest locations, and a street map behind them when one is set in the options and can be reached; its page lists the team, its contacts and web page, priorities and next events from the store (so it works offline; plain text, never raw HTML). A force's map shows the comparison (change %) with the force outlined among its neighbours, and its page lists the largest rises and falls by neighbourhood (or by local authority district). With ALL_NEIGHBOURHOODS every stored neighbourhood of the force gets a page: one multi-page PDF, or one PNG a page (name.png, name_2.png…). OUTPUT ending in .pdf or .png chooses the format. The attribution (Open Government Licence; ONS and OS for the boundaries) and the date it was made are on every page.</source>
      <translation>Briff A4 tirwedd un dudalen ar gyfer cymdogaeth (NEIGHBOURHOOD, ei id police.uk megis AA3) neu, gyda NEIGHBOURHOOD yn wag, ar gyfer yr heddlu cyfan: y teitl gyda'r cyfnod a'r cyfnod cymharu mewn geiriau, brawddeg bennawd, y gyfradd fesul 1,000 o drigolion, tabl o'r chwe phrif grŵp (troseddau nawr a chynt, newid, a yw'n fwy nag y byddai siawns yn ei egluro) a'r duedd fisol. Mae map cymdogaeth yn dangos lle digwyddodd ei throseddau (celloedd mannau poeth, neu'r troseddau fel pwyntiau pan fo ychydig ohonynt), ei phum lleoliad prysuraf, a map strydoedd y tu ôl iddynt pan fo un wedi'i osod yn y dewisiadau ac y gellir ei gyrraedd; mae ei thudalen yn rhestru'r tîm, ei fanylion cyswllt a'i dudalen we, blaenoriaethau a'r digwyddiadau nesaf o'r storfa (felly mae'n gweithio all-lein; testun plaen, byth HTML crai). Mae map heddlu yn dangos y gymhariaeth (newid %) gyda'r heddlu wedi'i amlinellu ymhlith ei gymdogion, ac mae ei dudalen yn rhestru'r codiadau a'r gostyngiadau mwyaf fesul cymdogaeth (neu fesul ardal awdurdod lleol). Gydag ALL_NEIGHBOURHOODS mae pob cymdogaeth a storiwyd gan yr heddlu yn cael tudalen: un PDF aml-dudalen, neu un PNG y dudalen (name.png, name_2.png…). Mae OUTPUT sy'n gorffen yn .pdf neu .png yn dewis y fformat. Mae'r priodoli (Trwydded Llywodraeth Agored; ONS ac OS ar gyfer y ffiniau) a'r dyddiad y'i gwnaed ar bob tudalen.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>A one-page briefing for this neighbourhood (period and crime as chosen in the Crime Map dock), opened in the layout designer</source>
      <translation>Briff un dudalen ar gyfer y gymdogaeth hon (y cyfnod a'r drosedd a ddewiswyd yn y panel Map Troseddau), wedi'i agor yn y dylunydd cynllun</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>A smooth surface of where crime happened: the kernel density of the stored street crimes in crimes per km², for maps where grid cells look too blocky. The density at a pixel's centre is the sum over the crimes within BANDWIDTH metres of the quartic kernel 3 / (π h²) (1 − d²/h²)², which integrates to one crime, times 1,000,000 for km². Pixels are aligned to multiples of PIXEL_SIZE in British National Grid (0 = a fifth of the bandwidth, rounded, and larger for big areas); pixels whose centre is outside the area are nodata, and crimes in them are left out. So the raster sums (times the pixel area in km²) to the crimes used, less what the kernel spreads beyond the area's edge. </source>
      <translation>Arwyneb llyfn o ble digwyddodd troseddau: dwysedd cnewyllyn y troseddau stryd a storiwyd, mewn troseddau fesul km², ar gyfer mapiau lle mae celloedd grid yn edrych yn rhy flociog. Y dwysedd yng nghanol picsel yw'r swm, dros y troseddau o fewn BANDWIDTH metr, o'r cnewyllyn cwartig 3 / (π h²) (1 − d²/h²)², sy'n integru i un drosedd, wedi'i luosi â 1,000,000 ar gyfer km². Caiff picseli eu halinio i luosrifau o PIXEL_SIZE yn y Grid Cenedlaethol Prydain (0 = pumed ran o'r lled band, wedi'i dalgrynnu, ac yn fwy ar gyfer ardaloedd mawr); mae picseli y mae eu canol y tu allan i'r ardal yn nodata, a chaiff y troseddau ynddynt eu hepgor. Felly mae swm y raster (wedi'i luosi ag arwynebedd picsel mewn km²) yn hafal i'r troseddau a ddefnyddiwyd, llai'r hyn y mae'r cnewyllyn yn ei ledaenu y tu hwnt i ffin yr ardal. </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>A year before</source>
      <translation>Blwyddyn ynghynt</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>AREA: empty for the force areas of every force with street crimes in the store; one or more police.uk force ids separated by commas (kent, or kent,essex) for their bundled areas (ONS, December 2022); or a stored neighbourhood as force/id (imported with crimemap:importneighbourhoods). AREA_LAYER, any polygon layer, wins over AREA when given (with 'selected features only', just those). </source>
      <translation>AREA: gwag ar gyfer ardaloedd heddlu pob heddlu sydd â throseddau stryd yn y storfa; un neu fwy o ddynodwyr heddlu police.uk wedi'u gwahanu â chomas (kent, neu kent,essex) ar gyfer eu hardaloedd sy'n dod gyda'r ategyn (ONS, Rhagfyr 2022); neu gymdogaeth a storiwyd ar y ffurf heddlu/id (wedi'i mewnforio gyda crimemap:importneighbourhoods). Mae AREA_LAYER, unrhyw haen polygon, yn cael blaenoriaeth dros AREA pan gaiff ei rhoi (gyda 'selected features only', y nodweddion a ddewiswyd yn unig). </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>AREA_LAYER has no polygon</source>
      <translation>Nid oes polygon yn AREA_LAYER</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>AREA_LAYER is given: AREA ({}) is not used.</source>
      <translation>Rhoddwyd AREA_LAYER: ni ddefnyddir AREA ({}).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Action:</source>
      <translation>Cam gweithredu:</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>Action: {action}</source>
      <translation>Cam gweithredu: {action}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Add the located searches of this area and period to the map, coloured by what they led to</source>
      <translation>Ychwanegu chwiliadau'r ardal a'r cyfnod hwn sydd â lleoliad at y map, wedi'u lliwio yn ôl eu canlyniad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Added to the map.</source>
      <translation>Ychwanegwyd at y map.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Address</source>
      <translation>Cyfeiriad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>All crime</source>
      <translation>Pob trosedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>An XYZ tile URL with {z}, {x} and {y} (OpenStreetMap's by default). The tiles come through QGIS's network settings (proxy, authentication); offline, briefings are drawn on a plain background. Respect the tile server's usage policy: a batch of briefings asks for many tiles.</source>
      <translation>URL teils XYZ gyda {z}, {x} a {y} (un OpenStreetMap yn ddiofyn). Daw'r teils drwy osodiadau rhwydwaith QGIS (dirprwy, dilysu); all-lein, caiff briffiau eu llunio ar gefndir plaen. Parchwch bolisi defnydd y gweinydd teils: mae swp o friffiau'n gofyn am lawer o deils.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>An import is already running.</source>
      <translation>Mae mewnforio eisoes ar waith.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Another (postgresql:// URI)…</source>
      <translation>Arall (URI postgresql://)…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Another area</source>
      <translation>Ardal arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Another area over the same months, by crimes per 1,000 residents</source>
      <translation>Ardal arall dros yr un misoedd, yn ôl troseddau fesul 1,000 o drigolion</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Anti-social behaviour</source>
      <translation>Ymddygiad gwrthgymdeithasol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Anti-social behaviour has no outcomes (police.uk gives it no Crime ID): choose a crime category or All crime.</source>
      <translation>Nid oes canlyniadau i ymddygiad gwrthgymdeithasol (nid yw police.uk yn rhoi Crime ID iddo): dewiswch gategori trosedd neu Pob trosedd.</translation>
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
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Area polygon layer (wins over Area when given)</source>
      <translation>Haen polygon ardal (yn cael blaenoriaeth dros Ardal pan gaiff ei rhoi)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Area: force id(s), or a stored neighbourhood force/id (empty = every stored force)</source>
      <translation>Ardal: id(au) heddlu, neu gymdogaeth a storiwyd ar ffurf heddlu/id (gwag = pob heddlu a storiwyd)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>Areas lacking data for some months of the period: {} (figures left empty, complete = false): {}{}.</source>
      <translation>Ardaloedd heb ddata am rai o fisoedd y cyfnod: {} (ffigurau wedi'u gadael yn wag, complete = false): {}{}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>Areas without data for the period: {} (figures left empty, complete = false); their forces' files are not in the store.</source>
      <translation>Ardaloedd heb ddata ar gyfer y cyfnod: {} (ffigurau wedi'u gadael yn wag, complete = false); nid yw ffeiliau eu heddluoedd yn y storfa.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>As many months, just before the period</source>
      <translation>Yr un nifer o fisoedd, yn union cyn y cyfnod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>As the officer saw the person (the broad group police.uk publishes; recorded for nearly every search)</source>
      <translation>Fel y gwelodd y swyddog y person (y grŵp bras a gyhoeddir gan police.uk; wedi'i gofnodi ar gyfer bron pob chwiliad)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>As the person described themselves (the Home Office's published rates count this); 'Not stated' is in no group</source>
      <translation>Fel y disgrifiodd y person ei hun (dyma a gyfrifir yng nghyfraddau cyhoeddedig y Swyddfa Gartref); nid yw 'Not stated' mewn unrhyw grŵp</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Asian</source>
      <translation>Asiaidd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Asking police.uk…</source>
      <translation>Yn holi police.uk…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Bandwidth in metres (the kernel's radius)</source>
      <translation>Lled band mewn metrau (radiws y cnewyllyn)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Bandwidth used (m)</source>
      <translation>Lled band a ddefnyddiwyd (m)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>Baseline</source>
      <translation>Cyfnod cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Baseline period</source>
      <translation>Cyfnod cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Baseline: {} to {}.</source>
      <translation>Cyfnod cymharu: {} i {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Before</source>
      <translation>Cynt</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Before and change are not shown: {} has no whole data for {}.</source>
      <translation>Ni ddangosir Cynt a Newid: nid oes gan {} ddata cyflawn ar gyfer {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Beyond
chance?</source>
      <translation>Y tu hwnt
i siawns?</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Beyond chance?</source>
      <translation>Y tu hwnt i siawns?</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Bicycle theft</source>
      <translation>Dwyn beiciau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Black</source>
      <translation>Du</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Briefing</source>
      <translation>Briff</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/briefing.py" />
      <source>Briefing '{name}': {period}.</source>
      <translation>Briff '{name}': {period}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Briefing map</source>
      <translation>Map briffio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Briefing map…</source>
      <translation>Map briffio…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/upgrade_store.py" />
      <source>Brings a store made by an earlier version of Crime Map up to date (its numbered migrations, each in one transaction, so a stopped upgrade resumes where it stopped), and rebuilds a spatial index an interrupted import left to rebuild. Opening a store never changes it; the dock upgrades a store when it opens it, and an import does before it writes. Counting the stored crimes in stored neighbourhoods can take minutes on a large store.</source>
      <translation>Yn diweddaru storfa a wnaed gan fersiwn gynharach o Map Troseddau (ei chamau mudo wedi'u rhifo, pob un mewn un trafodyn, felly mae uwchraddiad a stopiwyd yn ailddechrau lle y stopiodd), ac yn ailadeiladu mynegai gofodol a adawyd heb ei ailadeiladu gan fewnforio a dorrwyd ar ei draws. Nid yw agor storfa byth yn ei newid; mae'r panel yn uwchraddio storfa pan fydd yn ei hagor, ac mae mewnforio'n gwneud hynny cyn iddo ysgrifennu. Gall cyfrif y troseddau a storiwyd yn y cymdogaethau a storiwyd gymryd munudau ar storfa fawr.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>British Transport Police polices the railways and has no residents: no rate per resident</source>
      <translation>Mae Heddlu Trafnidiaeth Prydain yn plismona'r rheilffyrdd ac nid oes ganddo drigolion: dim cyfradd fesul preswylydd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>British Transport Police polices the railways of Great Britain and has no area of its own: its crimes are counted here, not drawn on the map.</source>
      <translation>Mae Heddlu Trafnidiaeth Prydain yn plismona rheilffyrdd Prydain Fawr ac nid oes ganddo ardal ei hun: caiff ei droseddau eu cyfrif yma, nid eu llunio ar y map.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Burglary</source>
      <translation>Byrgleriaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Busiest {p} % of locations: {k} of {n} locations, {crimes} crimes</source>
      <translation>Y {p} % prysuraf o leoliadau: {k} o {n} lleoliad, {crimes} trosedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Cancel hot spots</source>
      <translation>Canslo mannau poeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Cancelling…</source>
      <translation>Yn canslo…</translation>
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
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Cautioned or community resolution</source>
      <translation>Rhybudd neu ddatrysiad cymunedol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Cell size in metres (0 = chosen from the data)</source>
      <translation>Maint cell mewn metrau (0 = wedi'i ddewis o'r data)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Cell size used (m)</source>
      <translation>Maint cell a ddefnyddiwyd (m)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Cell size: {}</source>
      <translation>Maint cell: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Cells in the study area</source>
      <translation>Celloedd yn yr ardal astudio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Cells per class: {}.</source>
      <translation>Celloedd fesul dosbarth: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Cells per pattern: {}.</source>
      <translation>Celloedd fesul patrwm: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>Census 2021</source>
      <translation>Cyfrifiad 2021</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Change</source>
      <translation>Newid</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>Change %</source>
      <translation>Newid %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Change as a percentage of the baseline (empty when the baseline is 0)</source>
      <translation>Y newid fel canran o'r cyfnod cymharu (gwag pan fo'r cyfnod cymharu yn 0)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>Change in crimes</source>
      <translation>Newid mewn troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Change in {category},
{period} against {baseline}</source>
      <translation>Newid mewn {category},
{period} yn erbyn {baseline}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Change store…</source>
      <translation>Newid y storfa…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Charged or summonsed</source>
      <translation>Cyhuddwyd neu wysiwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>Charged or summonsed so far · {} · {}</source>
      <translation>Cyhuddwyd neu wysiwyd hyd yma · {} · {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Charged or summonsed so far: &lt;b&gt;{rate}&lt;/b&gt; ({charged} of {crimes} crimes).</source>
      <translation>Cyhuddwyd neu wysiwyd hyd yma: &lt;b&gt;{rate}&lt;/b&gt; ({charged} o {crimes} trosedd).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Choose an area and a period above.</source>
      <translation>Dewiswch ardal a chyfnod uchod.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>Choose an area in the table: this view shows the area selected there.</source>
      <translation>Dewiswch ardal yn y tabl: mae'r olwg hon yn dangos yr ardal a ddewiswyd yno.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Click the map with the neighbourhood tool.</source>
      <translation>Cliciwch ar y map gyda'r offeryn cymdogaeth.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Cold spot cells (90 % or more)</source>
      <translation>Celloedd man oer (90 % neu fwy)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Cold spot, 90 % confidence</source>
      <translation>Man oer, hyder 90 %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Cold spot, 95 % confidence</source>
      <translation>Man oer, hyder 95 %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Cold spot, 99 % confidence</source>
      <translation>Man oer, hyder 99 %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Compare</source>
      <translation>Cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>Compare periods</source>
      <translation>Cymharu cyfnodau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>Comparison</source>
      <translation>Cymhariaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Comparisons</source>
      <translation>Cymariaethau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Consecutive cold spot: cold in the last steps in a row, never before</source>
      <translation>Man oer olynol: oer yn y camau olaf yn olynol, byth o'r blaen</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Consecutive hot spot: hot in the last steps in a row, never before</source>
      <translation>Man poeth olynol: poeth yn y camau olaf yn olynol, byth o'r blaen</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Contains public sector information licensed under the Open Government Licence v3.0.</source>
      <translation>Yn cynnwys gwybodaeth sector cyhoeddus a drwyddedir o dan y Drwydded Llywodraeth Agored v3.0.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/copy_store.py" />
      <source>Copies a whole store into a new or empty one: a GeoPackage into PostGIS to start a team's shared store, or PostGIS into a GeoPackage to take it away. Every row is copied as it is (the same ids, counts, coverage audit, neighbourhoods and their details), in one transaction: a copy that fails leaves nothing half-written. STORE is the store to copy; TARGET the new one (a .gpkg path, a PostgreSQL connection's name, or a postgresql:// URI, with ?schema=name for another schema than crimemap).</source>
      <translation>Yn copïo storfa gyfan i un newydd neu wag: GeoPackage i PostGIS i ddechrau storfa a rennir gan dîm, neu PostGIS i GeoPackage i fynd â hi gyda chi. Caiff pob rhes ei chopïo fel y mae (yr un dynodwyr, cyfrifon, archwiliad cwmpas, cymdogaethau a'u manylion), mewn un trafodyn: nid yw copi sy'n methu yn gadael dim wedi'i hanner ysgrifennu. STORE yw'r storfa i'w chopïo; TARGET yw'r un newydd (llwybr .gpkg, enw cysylltiad PostgreSQL, neu URI postgresql://, gyda ?schema=name ar gyfer sgema heblaw crimemap).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/copy_store.py" />
      <source>Copy a store</source>
      <translation>Copïo storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/copy_store.py" />
      <source>Copy into (new GeoPackage, or PostgreSQL connection name or postgresql:// URI)</source>
      <translation>Copïo i (GeoPackage newydd, neu enw cysylltiad PostgreSQL neu URI postgresql://)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Count crimes in polygons</source>
      <translation>Cyfrif troseddau mewn polygonau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Counts the stored street crimes (with a location) inside each polygon of any layer, optionally for one category (API slug) and a month range. The output is the input polygons with their fields plus crime_count: the same counts as native:countpointsinpolygon on the store's crimes layer (points are counted in the polygons' CRS, as there), many times faster.</source>
      <translation>Yn cyfrif y troseddau stryd a storiwyd (sydd â lleoliad) y tu mewn i bob polygon o unrhyw haen, yn ddewisol ar gyfer un categori (slug API) ac ystod o fisoedd. Yr allbwn yw'r polygonau mewnbwn gyda'u meysydd ynghyd â crime_count: yr un cyfrifon â native:countpointsinpolygon ar haen troseddau'r storfa (caiff pwyntiau eu cyfrif yn CRS y polygonau, fel yno), lawer gwaith yn gyflymach.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Crime</source>
      <translation>Trosedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/common.py" />
      <source>Crime Map</source>
      <translation>Map Troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Crime Map emerging hot spots</source>
      <translation>Mannau poeth sy'n dod i'r amlwg (Map Troseddau)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Crime Map hot spots</source>
      <translation>Mannau poeth (Map Troseddau)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Crime Map store</source>
      <translation>Storfa Map Troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>Crime Map view: {}</source>
      <translation>Golwg Map Troseddau: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/import_task.py" />
      <source>Crime Map: importing {what}</source>
      <translation>Map Troseddau: yn mewnforio {what}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_task.py" />
      <source>Crime Map: neighbourhood from police.uk</source>
      <translation>Map Troseddau: cymdogaeth o police.uk</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/store_task.py" />
      <source>Crime Map: opening the store</source>
      <translation>Map Troseddau: yn agor y storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Crime Map: outcomes in {}</source>
      <translation>Map Troseddau: canlyniadau yn {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Crime Map: stop and search in {}</source>
      <translation>Map Troseddau: stopio a chwilio yn {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Crime Map: where crime concentrates in {}</source>
      <translation>Map Troseddau: lle mae troseddau'n crynhoi yn {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/map_sheet.py" />
      <source>Crime Map: {force}</source>
      <translation>Map Troseddau: {force}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Crime density</source>
      <translation>Dwysedd troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Crime density (kernel)</source>
      <translation>Dwysedd troseddau (cnewyllyn)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Crime density · {} · {} · {} · crimes per km²</source>
      <translation>Dwysedd troseddau · {} · {} · {} · troseddau fesul km²</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
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
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Crimes in the period and before it</source>
      <translation>Troseddau yn y cyfnod a chyn hynny</translation>
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
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Crimes in the study area's cells</source>
      <translation>Troseddau yng nghelloedd yr ardal astudio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/map_sheet.py" />
      <source>Crimes in {period} (approximate places)</source>
      <translation>Troseddau yn {period} (lleoedd bras)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>Crimes of every area for a period (END_MONTH and the MONTHS before it) against a baseline (the same period last year, or the previous period): current, baseline, change, change % (empty when the baseline is 0), rates per 1,000 residents (Census 2021) for the period and the 12 months to END_MONTH, and whether the change is larger than chance (exact conditional test for two Poisson counts, p &lt; 0.05). Areas whose force has no data for a month of either period are marked complete = false and their counts left empty: 'no data', never a fall to zero. Force totals count by the 'Falls within' column. LEVEL neighbourhood compares the neighbourhoods stored by crimemap:importneighbourhoods (crimes counted inside each boundary; rates on the Census 2021 residents of the LSOAs whose population-weighted centroid is inside). LEVEL lsoa needs AREAS, an LSOA boundary layer, and AREA_CODE_FIELD, its LSOA 2021 code field.</source>
      <translation>Troseddau pob ardal ar gyfer cyfnod (END_MONTH a'r MONTHS cyn hynny) yn erbyn cyfnod cymharu (yr un cyfnod y llynedd, neu'r cyfnod blaenorol): y cyfrif cyfredol, cyfrif y cyfnod cymharu, y newid, Newid % (gwag pan fo'r cyfnod cymharu yn 0), cyfraddau fesul 1,000 o drigolion (Cyfrifiad 2021) ar gyfer y cyfnod ac ar gyfer y 12 mis hyd at END_MONTH, ac a yw'r newid y tu hwnt i siawns (prawf amodol union ar gyfer dau gyfrif Poisson, p &lt; 0.05). Caiff ardaloedd y mae eu heddlu heb ddata am fis yn un o'r ddau gyfnod eu marcio'n complete = false a'u cyfrifon eu gadael yn wag: 'dim data', byth gostyngiad i sero. Mae cyfansymiau heddluoedd yn cyfrif yn ôl y golofn 'Falls within'. Mae LEVEL neighbourhood yn cymharu'r cymdogaethau a storiwyd gan crimemap:importneighbourhoods (troseddau wedi'u cyfrif y tu mewn i bob ffin; cyfraddau ar sail trigolion Cyfrifiad 2021 yr ardaloedd LSOA y mae eu canolbwynt wedi'i bwysoli yn ôl poblogaeth y tu mewn iddi). Mae LEVEL lsoa angen AREAS, haen ffiniau LSOA, ac AREA_CODE_FIELD, ei maes cod LSOA 2021.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>Crimes per 1,000 residents</source>
      <translation>Troseddau fesul 1,000 o drigolion</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>Crimes per 1,000 residents, 12 months</source>
      <translation>Troseddau fesul 1,000 o drigolion, 12 mis</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>Crimes shown as points: hot spots cannot be worked out here (too few cells, or all alike).</source>
      <translation>Troseddau wedi'u dangos fel pwyntiau: ni ellir cyfrifo mannau poeth yma (rhy ychydig o gelloedd, neu'r cyfan yn debyg).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>Crimes shown as points: {n} located in the period, too few for hot spots (50 or more).</source>
      <translation>Troseddau wedi'u dangos fel pwyntiau: {n} â lleoliad yn y cyfnod, rhy ychydig ar gyfer mannau poeth (50 neu fwy).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Crimes used (in the area's pixels)</source>
      <translation>Troseddau a ddefnyddiwyd (ym mhicseli'r ardal)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Criminal damage and arson</source>
      <translation>Difrod troseddol a llosgi bwriadol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Current priorities</source>
      <translation>Blaenoriaethau presennol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Details as of {day} ({age})</source>
      <translation>Manylion fel ar {day} ({age})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Diminishing cold spot: cold almost always, but warming</source>
      <translation>Man oer sy'n lleihau: oer bron bob amser, ond yn cynhesu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Diminishing hot spot: hot almost always, but cooling</source>
      <translation>Man poeth sy'n lleihau: poeth bron bob amser, ond yn oeri</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Distance band in metres (0 = 1.5 cells)</source>
      <translation>Band pellter mewn metrau (0 = 1.5 cell)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Distance band used (m)</source>
      <translation>Band pellter a ddefnyddiwyd (m)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Distance band: {}</source>
      <translation>Band pellter: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Districts: local authority districts as police.uk's LSOA names give them ('Ashford 001B' is in Ashford); each counts the force's crimes in its LSOAs.</source>
      <translation>Ardaloedd: ardaloedd awdurdod lleol fel y'u rhoddir gan enwau LSOA police.uk (mae 'Ashford 001B' yn Ashford); mae pob un yn cyfrif troseddau'r heddlu yn ei ardaloedd LSOA.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>Draw a street map behind neighbourhood briefings</source>
      <translation>Llunio map strydoedd y tu ôl i friffiau cymdogaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Drugs</source>
      <translation>Cyffuriau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Earlier priorities (more than a year old)</source>
      <translation>Blaenoriaethau cynharach (dros flwyddyn oed)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Email</source>
      <translation>E-bost</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>Email: {}</source>
      <translation>E-bost: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Emerging hot spots</source>
      <translation>Mannau poeth sy'n dod i'r amlwg</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Emerging hot spots of police.uk street crimes: Gi* per time step, the Mann–Kendall trend of each cell's z-scores and its pattern.</source>
      <translation>Mannau poeth sy'n dod i'r amlwg ar gyfer troseddau stryd police.uk: Gi* fesul cam amser, tuedd Mann–Kendall sgoriau z pob cell a'i phatrwm.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Emerging hot spots of {} in {}, {} to {}, {}: Gi* per step on {:g} m cells, neighbours within {:g} m; Mann–Kendall trend of each cell's z-scores; steps left out (missing or partial data): {}. From the Crime Map store.</source>
      <translation>Mannau poeth sy'n dod i'r amlwg ar gyfer {} yn {}, {} i {}, {}: Gi* fesul cam ar gelloedd {:g} m, cymdogion o fewn {:g} m; tuedd Mann–Kendall sgoriau z pob cell; camau a adawyd allan (data coll neu rannol): {}. O storfa Map Troseddau.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Emerging hot spots · {} · {} · {} · {}</source>
      <translation>Mannau poeth sy'n dod i'r amlwg · {} · {} · {} · {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>End month (YYYY-MM; empty = latest in the store)</source>
      <translation>Mis olaf (BBBB-MM; gwag = y diweddaraf yn y storfa)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Ethnicity counted (officer-defined, or self-defined)</source>
      <translation>Ethnigrwydd a gyfrifir (wedi'i ddiffinio gan y swyddog, neu hunanddiffiniedig)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Ethnicity:</source>
      <translation>Ethnigrwydd:</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Every one of these crimes has an outcome.</source>
      <translation>Mae gan bob un o'r troseddau hyn ganlyniad.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Every stored neighbourhood of the force (one page each)</source>
      <translation>Pob cymdogaeth a storiwyd i'r heddlu (un dudalen yr un)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/briefing.py" />
      <source>Export it from the layout designer.</source>
      <translation>Allforiwch ef o'r dylunydd cynllun.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_neighbourhoods.py" />
      <source>Fetches every neighbourhood of a force from the police.uk API (its boundary, team, priorities and events) into the store: layer 'neighbourhoods' and table 'neighbourhood_details'. The API is asked politely (15 requests a second at most; waits when told to; retries server errors). Neighbourhoods that fail are reported and keep what was stored before, so a second run refreshes. The base URL comes from the settings or CRIMEMAP_API_URL; QGIS's proxy and authentication settings apply. With INPUT, a police.uk neighbourhood KML zip (one file per neighbourhood, named force/neighbourhood-id.kml, such as gloucestershire/AA3.kml), the boundaries come from the archive instead and the API is not asked: parent areas listed beside their children and repeated neighbourhoods are left out and reported, holes are kept, and details already stored stay. Either way, the crimes in the store are counted in each neighbourhood for the neighbourhood level of the comparisons.</source>
      <translation>Yn nôl holl gymdogaethau heddlu o API police.uk (ffin, tîm, blaenoriaethau a digwyddiadau pob un) i'r storfa: yr haen 'neighbourhoods' a'r tabl 'neighbourhood_details'. Caiff yr API ei holi'n gwrtais (15 cais yr eiliad ar y mwyaf; mae'n aros pan ofynnir iddo; mae'n rhoi cynnig arall ar ôl gwallau gweinydd). Rhoddir gwybod am gymdogaethau sy'n methu, a chedwir yr hyn a storiwyd ar eu cyfer o'r blaen, felly mae ail rediad yn eu hadnewyddu. Daw'r URL sylfaen o'r gosodiadau neu o CRIMEMAP_API_URL; mae gosodiadau dirprwy a dilysu QGIS yn berthnasol. Gydag INPUT, zip KML cymdogaethau police.uk (un ffeil i bob cymdogaeth, o'r enw force/neighbourhood-id.kml, fel gloucestershire/AA3.kml), daw'r ffiniau o'r archif yn lle hynny ac ni chaiff yr API ei holi: caiff ardaloedd rhiant a restrir ochr yn ochr â'u his-ardaloedd, a chymdogaethau sy'n ymddangos fwy nag unwaith, eu hepgor a rhoddir gwybod amdanynt, cedwir tyllau, ac mae'r manylion sydd eisoes wedi'u storio yn aros. Y naill ffordd neu'r llall, caiff troseddau'r storfa eu cyfrif ym mhob cymdogaeth ar gyfer lefel cymdogaeth y cymariaethau.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Files or archives (CSV, zip)…</source>
      <translation>Ffeiliau neu archifau (CSV, zip)…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Finding hot spots…</source>
      <translation>Yn canfod mannau poeth…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>First month (YYYY-MM)</source>
      <translation>Mis cyntaf (BBBB-MM)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>First month (YYYY-MM; empty = 12 months to the end month)</source>
      <translation>Mis cyntaf (BBBB-MM; gwag = 12 mis hyd at y mis olaf)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>First month (YYYY-MM; empty = the 12 months to the last, as far as the store holds)</source>
      <translation>Mis cyntaf (BBBB-MM; gwag = y 12 mis hyd at y mis olaf, cyn belled ag y mae'r storfa'n eu dal)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/base.py" />
      <source>Force (police.uk id)</source>
      <translation>Heddlu (id police.uk)</translation>
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
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Forces</source>
      <translation>Heddluoedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Found what was searched for: police.uk marks the search's outcome as linked to its object (drugs found in a search for drugs).</source>
      <translation>Wedi canfod yr hyn y chwiliwyd amdano: mae police.uk yn marcio canlyniad y chwiliad fel un sy'n gysylltiedig â'i wrthrych (cyffuriau wedi'u canfod mewn chwiliad am gyffuriau).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Getis–Ord Gi* hot spots of police.uk street crimes on a British National Grid square grid.</source>
      <translation>Mannau poeth Getis–Ord Gi* troseddau stryd police.uk ar grid sgwâr y Grid Cenedlaethol Prydain.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Getis–Ord Gi* hot spots of these crimes in this area and period, added to the map (Processing: crimemap:hotspots; the cell size is chosen from the data)</source>
      <translation>Mannau poeth Getis–Ord Gi* y troseddau hyn yn yr ardal a'r cyfnod hwn, wedi'u hychwanegu at y map (Prosesu: crimemap:hotspots; dewisir maint y gell o'r data)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Getis–Ord Gi* hot spots of {} in {}, {} to {}: {:g} m cells of British National Grid, neighbours within {:g} m (the cell itself included, weight 1); classes from the Benjamini–Hochberg q-value of each cell (hot or cold at 99, 95 or 90 % confidence). {:,} crimes in {:,} cells; {:,} rows without a location not placed. From the Crime Map store.</source>
      <translation>Mannau poeth Getis–Ord Gi* ar gyfer {} yn {}, {} i {}: celloedd {:g} m o'r Grid Cenedlaethol Prydain, cymdogion o fewn {:g} m (gan gynnwys y gell ei hun, pwysiad 1); dosbarthiadau o werth q Benjamini–Hochberg pob cell (poeth neu oer ar hyder 99, 95 neu 90 %). {:,} o droseddau mewn {:,} o gelloedd; {:,} o resi heb leoliad heb eu gosod. O storfa Map Troseddau.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Gini coefficient</source>
      <translation>Cyfernod Gini</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Gini coefficient: 0 when every location has as many crimes, near 1 when a few places have nearly all.</source>
      <translation>Cyfernod Gini: 0 pan fo gan bob lleoliad yr un nifer o droseddau, yn agos at 1 pan fo gan ychydig o leoedd bron y cyfan.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Gini coefficient: {}</source>
      <translation>Cyfernod Gini: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Go ahead when a force-month of the period is missing or partial</source>
      <translation>Bwrw ymlaen pan fo mis heddlu yn y cyfnod ar goll neu'n rhannol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Going ahead as ALLOW_INCOMPLETE asks.</source>
      <translation>Yn bwrw ymlaen fel y mae ALLOW_INCOMPLETE yn ei ofyn.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>Greyed settings are set by the environment (CRIMEMAP_STORE, CRIMEMAP_API_URL).</source>
      <translation>Mae'r amgylchedd yn pennu'r gosodiadau llwyd (CRIMEMAP_STORE, CRIMEMAP_API_URL).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Group</source>
      <translation>Grŵp</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Highest density (crimes per km²)</source>
      <translation>Dwysedd uchaf (troseddau fesul km²)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Historical cold spot: cold almost always, but not now</source>
      <translation>Man oer hanesyddol: oer bron bob amser, ond nid nawr</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Historical hot spot: hot almost always, but not now</source>
      <translation>Man poeth hanesyddol: poeth bron bob amser, ond nid nawr</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Hot spot cells (90 % or more)</source>
      <translation>Celloedd man poeth (90 % neu fwy)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Hot spot, 90 % confidence</source>
      <translation>Man poeth, hyder 90 %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Hot spot, 95 % confidence</source>
      <translation>Man poeth, hyder 95 %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Hot spot, 99 % confidence</source>
      <translation>Man poeth, hyder 99 %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Hot spots</source>
      <translation>Mannau poeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Hot spots (Getis–Ord Gi*)</source>
      <translation>Mannau poeth (Getis–Ord Gi*)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Hot spots added to the map: {}</source>
      <translation>Mannau poeth wedi'u hychwanegu at y map: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Hot spots cancelled.</source>
      <translation>Canslwyd y mannau poeth.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Hot spots could not be made: {}</source>
      <translation>Nid oedd modd creu'r mannau poeth: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>Hot spots of {category}, {period} (Getis–Ord Gi*, {size} m cells)</source>
      <translation>Mannau poeth ar gyfer {category}, {period} (Getis–Ord Gi*, celloedd {size} m)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Hot spots · {} · {} · {} · {}</source>
      <translation>Mannau poeth · {} · {} · {} · {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Hot spots: Getis–Ord Gi* over the neighbourhood's {size} m cells, each with the cells within {band} m; classes from Benjamini–Hochberg q-values.</source>
      <translation>Mannau poeth: Getis–Ord Gi* dros gelloedd {size} m y gymdogaeth, pob un gyda'r celloedd o fewn {band} m; dosbarthiadau o werthoedd q Benjamini–Hochberg.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Hot spots…</source>
      <translation>Mannau poeth…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>How hot spots change: Gi* on one grid for each time step (a month, or a quarter of three months counted from START_MONTH), then for each cell the Mann–Kendall trend of its z-scores and a pattern in the categories ArcGIS documents for Emerging Hot Spot Analysis: new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating or historical hot (or cold) spot, or no pattern detected. A step is a significant hot (cold) spot for a cell when its Benjamini–Hochberg q-value over the cells of that step is below 0.10 and z is positive (negative); a trend is significant when its p-value is below 0.10. The grid, cells and neighbours are those of crimemap:hotspots (CELL_SIZE and DISTANCE_BAND 0 are chosen once from all the period's crimes). </source>
      <translation>Sut mae mannau poeth yn newid: Gi* ar un grid ar gyfer pob cam amser (mis, neu chwarter o dri mis wedi'u cyfrif o START_MONTH), yna ar gyfer pob cell, tuedd Mann–Kendall ei sgoriau z a phatrwm yn y categorïau a ddogfennir gan ArcGIS ar gyfer Emerging Hot Spot Analysis: man poeth (neu oer) newydd, olynol, sy'n dwysáu, parhaus, sy'n lleihau, achlysurol, osgiliadol neu hanesyddol, neu ddim patrwm wedi'i ganfod. Mae cam yn fan poeth (oer) arwyddocaol i gell pan fo gwerth q Benjamini–Hochberg y gell, dros gelloedd y cam hwnnw, yn is na 0.10 a z yn bositif (negatif); mae tuedd yn arwyddocaol pan fo'i gwerth p yn is na 0.10. Y grid, y celloedd a'r cymdogion yw rhai crimemap:hotspots (pan fo CELL_SIZE a DISTANCE_BAND yn 0, fe'u dewisir unwaith o holl droseddau'r cyfnod). </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>How the kernel was summed</source>
      <translation>Sut y symiwyd y cnewyllyn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>INPUT is required: a CSV file, a folder or a zip archive.</source>
      <translation>Mae angen INPUT: ffeil CSV, ffolder neu archif zip.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Import a folder of police.uk data</source>
      <translation>Mewnforio ffolder o ddata police.uk</translation>
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
      <location filename="crimemap_plugin/processing/import_neighbourhoods.py" />
      <source>Import neighbourhoods</source>
      <translation>Mewnforio cymdogaethau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Import neighbourhoods…</source>
      <translation>Mewnforio cymdogaethau…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>Import police.uk data</source>
      <translation>Mewnforio data police.uk</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>Imports data.police.uk street-level crime, outcomes and stop-and-search files into a GeoPackage store. INPUT is one CSV file, a folder (searched recursively, as the custom download unpacks) or a zip archive (the national layout YYYY-MM/YYYY-MM-force-kind.csv, read without unpacking). Each force-month is replaced as a whole: importing it again never double counts, and a failure or cancel leaves it as it was. Files broken as a whole are refused with the reason; bad rows are rejected, counted and reported by line. Forces are identified by the file name (archive layout) and every name police.uk has used for them. Partial submissions (a force-month with fewer than 60 % of the rows of the force's neighbouring months) are found, reported and counted as incomplete in comparisons.</source>
      <translation>Yn mewnforio ffeiliau troseddau lefel stryd, canlyniadau a stopio a chwilio data.police.uk i storfa GeoPackage. INPUT yw un ffeil CSV, ffolder (y chwilir drwyddi i gyd, fel y mae'r lawrlwythiad pwrpasol yn dadbacio) neu archif zip (y gosodiad cenedlaethol YYYY-MM/YYYY-MM-force-kind.csv, a ddarllenir heb ddadbacio). Caiff pob mis heddlu ei ddisodli'n gyfan: nid yw ei fewnforio eto byth yn cyfrif ddwywaith, ac mae methiant neu ganslo yn ei adael fel yr oedd. Caiff ffeiliau sydd wedi'u torri'n gyfan gwbl eu gwrthod gyda'r rheswm; caiff rhesi gwael eu gwrthod a'u cyfrif, a rhoddir gwybod amdanynt fesul llinell. Caiff heddluoedd eu hadnabod wrth enw'r ffeil (gosodiad yr archif) a phob enw y mae police.uk wedi'i ddefnyddio ar eu cyfer. Caiff cyflwyniadau rhannol (mis heddlu gyda llai na 60 % o resi misoedd cyfagos yr heddlu) eu canfod a'u cyfrif yn anghyflawn mewn cymariaethau, a rhoddir gwybod amdanynt.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_view.py" />
      <source>In the table, not on the map (no area boundary): {}</source>
      <translation>Yn y tabl, nid ar y map (dim ffin ardal): {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Incomplete data for {}: {}.</source>
      <translation>Data anghyflawn ar gyfer {}: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Intensifying cold spot: cold almost always, and getting colder</source>
      <translation>Man oer sy'n dwysáu: oer bron bob amser, ac yn mynd yn oerach</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Intensifying hot spot: hot almost always, and getting hotter</source>
      <translation>Man poeth sy'n dwysáu: poeth bron bob amser, ac yn mynd yn boethach</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Is the change larger than chance would explain? Exact test for two Poisson counts, allowing for the number of areas compared (Benjamini–Hochberg q &lt; 0.05); p and q are in each cell's tooltip</source>
      <translation>A yw'r newid yn fwy nag y byddai siawns yn ei egluro? Prawf union ar gyfer dau gyfrif Poisson, gan ystyried nifer yr ardaloedd a gymharwyd (Benjamini–Hochberg q &lt; 0.05); mae p a q yng nghyngor pob cell</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Kernel density (quartic kernel, bandwidth {:g} m, {:g} m pixels of British National Grid) of {} in {}, {} to {}, in crimes per km²: {:,} crimes used. From the Crime Map store.</source>
      <translation>Dwysedd cnewyllyn (cnewyllyn cwartig, lled band {:g} m, picseli {:g} m o'r Grid Cenedlaethol Prydain) ar gyfer {} yn {}, {} i {}, mewn troseddau fesul km²: defnyddiwyd {:,} o droseddau. O storfa Map Troseddau.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Kernel density of police.uk street crimes (quartic kernel), crimes per km².</source>
      <translation>Dwysedd cnewyllyn troseddau stryd police.uk (cnewyllyn cwartig), troseddau fesul km².</translation>
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
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Largest falls in {category}, {by}</source>
      <translation>Y gostyngiadau mwyaf mewn {category}, {by}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Largest rises in {category}, {by}</source>
      <translation>Y codiadau mwyaf mewn {category}, {by}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Last month (YYYY-MM)</source>
      <translation>Mis olaf (BBBB-MM)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Last month (YYYY-MM; empty = latest stop and search in the store)</source>
      <translation>Mis olaf (BBBB-MM; gwag = y stopio a chwilio diweddaraf yn y storfa)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Last month (YYYY-MM; empty = the latest in the store)</source>
      <translation>Mis olaf (BBBB-MM; gwag = y diweddaraf yn y storfa)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Let the audit decide {force}'s {month} again (marked whole)</source>
      <translation>Gadael i'r archwiliad benderfynu ar {month} {force} eto (wedi'i farcio'n gyflawn)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Like for like, {lag} after each period ended: {now} charged or summonsed, against {then} for {baseline}.</source>
      <translation>Tebyg at ei debyg, {lag} ar ôl diwedd pob cyfnod: {now} wedi'u cyhuddo neu eu gwysio, yn erbyn {then} ar gyfer {baseline}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>Like for like, {} months after each period ended: {} charged or summonsed for {}, against {} for {} (outcomes recorded up to {}), over the {} areas with whole data for both.</source>
      <translation>Tebyg at ei debyg, {} mis ar ôl diwedd pob cyfnod: {} wedi'u cyhuddo neu eu gwysio ar gyfer {}, yn erbyn {} ar gyfer {} (canlyniadau a gofnodwyd hyd at {}), dros y {} ardal sydd â data cyflawn ar gyfer y ddau.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Links</source>
      <translation>Dolenni</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Load sample</source>
      <translation>Llwytho sampl</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Located crimes in the area</source>
      <translation>Troseddau â lleoliad yn yr ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Located crimes in the area in the baseline period</source>
      <translation>Troseddau â lleoliad yn yr ardal yn y cyfnod cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Located crimes of the area's forces outside its cells</source>
      <translation>Troseddau â lleoliad gan heddluoedd yr ardal y tu allan i'w chelloedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Located crimes of the area's forces outside its pixels</source>
      <translation>Troseddau â lleoliad gan heddluoedd yr ardal y tu allan i'w phicseli</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Locations with a crime</source>
      <translation>Lleoliadau â throsedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Lorenz curve</source>
      <translation>Cromlin Lorenz</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/charts.py" />
      <source>Lorenz curve: the locations with the fewest crimes on the left; a point (x, y) says that x % of the locations have y % of the crimes. The dashed diagonal is equality (every location with as many crimes); the further the curve sags below it, the more crime is concentrated at a few places.</source>
      <translation>Cromlin Lorenz: y lleoliadau â'r lleiaf o droseddau ar y chwith; mae pwynt (x, y) yn dweud bod gan x % o'r lleoliadau y % o'r troseddau. Y groeslin doredig yw cydraddoldeb (yr un nifer o droseddau ym mhob lleoliad); po fwyaf y mae'r gromlin yn suddo oddi tani, mwyaf i gyd y mae'r troseddu wedi'i grynhoi mewn ychydig o leoedd.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Made on {date} with Crime Map for QGIS.</source>
      <translation>Gwnaed ar {date} gyda Crime Map for QGIS.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Mark a force-month whole</source>
      <translation>Marcio mis heddlu yn gyflawn</translation>
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
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Median time to an outcome: not known yet (no outcome of these crimes is in the outcomes files).</source>
      <translation>Amser canolrifol hyd at ganlyniad: nid yw'n hysbys eto (nid oes canlyniad i'r troseddau hyn yn y ffeiliau canlyniadau).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Median time to an outcome: {}.</source>
      <translation>Amser canolrifol hyd at ganlyniad: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Mixed</source>
      <translation>Cymysg</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Mobile</source>
      <translation>Ffôn symudol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>Mobile: {}</source>
      <translation>Ffôn symudol: {}</translation>
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
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>NISRA, Census 2021</source>
      <translation>NISRA, Cyfrifiad 2021</translation>
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
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Neighbourhood page</source>
      <translation>Tudalen y gymdogaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Neighbourhood page: {url}</source>
      <translation>Tudalen y gymdogaeth: {url}</translation>
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
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>New cold spot: cold in the last step for the first time</source>
      <translation>Man oer newydd: oer yn y cam olaf am y tro cyntaf</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>New hot spot: hot in the last step for the first time</source>
      <translation>Man poeth newydd: poeth yn y cam olaf am y tro cyntaf</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Next events</source>
      <translation>Digwyddiadau nesaf</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>No area has complete data for {}.</source>
      <translation>Nid oes gan unrhyw ardal ddata cyflawn ar gyfer {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>No area with complete data fell.</source>
      <translation>Ni ostyngodd unrhyw ardal â data cyflawn.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>No area with complete data rose.</source>
      <translation>Ni chododd unrhyw ardal â data cyflawn.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>No area with data in this period</source>
      <translation>Dim ardal â data yn y cyfnod hwn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/briefing.py" />
      <source>No briefing for {force}: the store does not hold {n} whole months of it with whole months to compare them with. Import more of its months, or choose a shorter period in the dock.</source>
      <translation>Dim briff ar gyfer {force}: nid yw'r storfa'n dal {n} mis cyflawn ohono gyda misoedd cyflawn i'w cymharu â nhw. Mewnforiwch ragor o'i fisoedd, neu dewiswch gyfnod byrrach yn y panel.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/briefing.py" />
      <source>No briefing: {reason}</source>
      <translation>Dim briff: {reason}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>No crimes in the baseline: a percentage is not defined</source>
      <translation>Dim troseddau yn y cyfnod cymharu: does dim canran</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>No crimes of this kind in {} in {}.</source>
      <translation>Dim troseddau o'r math hwn yn {} yn {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>No crimes with a location in the period</source>
      <translation>Dim troseddau â lleoliad yn y cyfnod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>No current priorities published.</source>
      <translation>Dim blaenoriaethau cyfredol wedi'u cyhoeddi.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>No data for {}</source>
      <translation>Dim data ar gyfer {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>No data for {} in {}.</source>
      <translation>Dim data ar gyfer {} yn {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>No data: the store has no {what} of {force} for {months}.</source>
      <translation>Dim data: nid oes {what} {force} yn y storfa ar gyfer {months}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>No like-for-like comparison: no area has whole street and outcomes months for {} (outcomes up to {}) as well as for the period.</source>
      <translation>Dim cymhariaeth tebyg at ei debyg: nid oes gan unrhyw ardal fisoedd stryd a chanlyniadau cyflawn ar gyfer {} (canlyniadau hyd at {}) yn ogystal ag ar gyfer y cyfnod.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>No like-for-like comparison: {} is not in the store for this area.</source>
      <translation>Dim cymhariaeth tebyg at ei debyg: nid yw {} yn y storfa ar gyfer yr ardal hon.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>No located crimes of this kind in {} in {}.</source>
      <translation>Dim troseddau â lleoliad o'r math hwn yn {} yn {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>No neighbourhood is saved here, and police.uk could not be reached ({}).</source>
      <translation>Nid oes cymdogaeth wedi'i chadw yma, ac nid oedd modd cyrraedd police.uk ({}).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>No outcome recorded</source>
      <translation>Dim canlyniad wedi'i gofnodi</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>No pattern detected</source>
      <translation>Dim patrwm wedi'i ganfod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>No priorities published in the last year.</source>
      <translation>Dim blaenoriaethau wedi'u cyhoeddi yn ystod y flwyddyn ddiwethaf.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>No rate per 1,000 residents: the period is not complete</source>
      <translation>Dim cyfradd fesul 1,000 o drigolion: nid yw'r cyfnod yn gyflawn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>No residents (British Transport Police polices the railways): a rate is not defined</source>
      <translation>Dim trigolion (mae Heddlu Trafnidiaeth Prydain yn plismona'r rheilffyrdd): nid oes cyfradd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>No residents counted in the area: no rate per resident</source>
      <translation>Dim trigolion wedi'u cyfrif yn yr ardal: dim cyfradd fesul preswylydd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>No searches in the period.</source>
      <translation>Dim chwiliadau yn y cyfnod.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>No searches in {} in the areas with complete data.</source>
      <translation>Dim chwiliadau yn {} yn yr ardaloedd â data cyflawn.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>No stored neighbourhood at {}, {}: asking police.uk…</source>
      <translation>Dim cymdogaeth wedi'i storio yn {}, {}: yn holi police.uk…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>No suspect identified</source>
      <translation>Ni nodwyd unrhyw un a ddrwgdybir</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>No team details stored: use Refresh in the neighbourhood panel when online.</source>
      <translation>Dim manylion tîm wedi'u storio: defnyddiwch Adnewyddu yn y panel cymdogaeth pan fyddwch ar-lein.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>No team members listed.</source>
      <translation>Dim aelodau tîm wedi'u rhestru.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>No upcoming events published.</source>
      <translation>Dim digwyddiadau i ddod wedi'u cyhoeddi.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>No upcoming events.</source>
      <translation>Dim digwyddiadau i ddod.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Northern Ireland is not drawn: no true boundary of it is bundled (police.uk's outline is a crude six-point polygon). Its crimes are counted here.</source>
      <translation>Nid yw Gogledd Iwerddon wedi'i llunio: nid oes ffin go iawn ohoni wedi'i chynnwys (mae amlinell police.uk yn bolygon bras chwe phwynt). Cyfrifir ei throseddau yma.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Not made: see the message bar.</source>
      <translation>Heb ei greu: gweler y bar negeseuon.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Not significant</source>
      <translation>Ddim yn arwyddocaol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>Not significant (not coloured)</source>
      <translation>Ddim yn arwyddocaol (heb ei liwio)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_crimes.py" />
      <source>Nothing imported: </source>
      <translation>Dim wedi'i fewnforio: </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Now</source>
      <translation>Nawr</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Officer-defined</source>
      <translation>Diffiniwyd gan swyddog</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>On or near</source>
      <translation>Ar neu ger</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Opening {}…</source>
      <translation>Yn agor {}…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Oscillating cold spot: cold now, a hot spot before</source>
      <translation>Man oer osgiliadol: oer nawr, man poeth o'r blaen</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Oscillating hot spot: hot now, a cold spot before</source>
      <translation>Man poeth osgiliadol: poeth nawr, man oer o'r blaen</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Other</source>
      <translation>Arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Other crime</source>
      <translation>Troseddau eraill</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Other outcome</source>
      <translation>Canlyniad arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Other theft</source>
      <translation>Dwyn arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>Outcomes</source>
      <translation>Canlyniadau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Outcomes are shown for a force or a neighbourhood.</source>
      <translation>Dangosir canlyniadau ar gyfer heddlu neu gymdogaeth.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Outcomes are shown for periods of up to {} months.</source>
      <translation>Dangosir canlyniadau ar gyfer cyfnodau o hyd at {} mis.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>Outcomes of crimes</source>
      <translation>Canlyniadau troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>Pages</source>
      <translation>Tudalennau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>Partial data: {force} published only part of its {what} for {months}, so no figures are shown (a partial month would read as a fall).</source>
      <translation>Data rhannol: dim ond rhan o'i {what} ar gyfer {months} a gyhoeddodd {force}, felly ni ddangosir ffigurau (byddai mis rhannol yn edrych fel gostyngiad).</translation>
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
      <source>Per
1,000</source>
      <translation>Fesul
1,000</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Per 1,000 residents of each group (Census 2021); the ratio is to the White rate.</source>
      <translation>Fesul 1,000 o drigolion pob grŵp (Cyfrifiad 2021); mae'r gymhareb mewn perthynas â chyfradd y grŵp Gwyn.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>Per 1,000,
12 months</source>
      <translation>Fesul 1,000,
12 mis</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Period</source>
      <translation>Cyfnod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Period before</source>
      <translation>Cyfnod blaenorol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>Period chosen: the latest {n} months the store holds whole for {force}, compared with {baseline}.</source>
      <translation>Cyfnod a ddewiswyd: y {n} mis diweddaraf y mae'r storfa'n eu dal yn gyflawn ar gyfer {force}, o'u cymharu â {baseline}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Period: {} ({} to {}); category: {}.</source>
      <translation>Cyfnod: {} ({} i {}); categori: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Persistent cold spot: cold almost always, no trend</source>
      <translation>Man oer parhaus: oer bron bob amser, dim tuedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Persistent hot spot: hot almost always, no trend</source>
      <translation>Man poeth parhaus: poeth bron bob amser, dim tuedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Pixel size in metres (0 = chosen from the bandwidth)</source>
      <translation>Maint picsel mewn metrau (0 = wedi'i ddewis o'r lled band)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Pixel size used (m)</source>
      <translation>Maint picsel a ddefnyddiwyd (m)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Pixel size: {:g} m (chosen: a fifth of the bandwidth, rounded, within {:,} pixels)</source>
      <translation>Maint picsel: {:g} m (wedi'i ddewis: pumed ran o'r lled band, wedi'i dalgrynnu, o fewn {:,} o bicseli)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>Pixel size: {:g} m (given)</source>
      <translation>Maint picsel: {:g} m (a roddwyd)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Places</source>
      <translation>Lleoedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/boundaries.py" />
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
      <source>Public order</source>
      <translation>Trefn gyhoeddus</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Rates by ethnic group count searches by {} against Census 2021 usual residents of each group; ratios compare with the White rate (95% confidence interval, Poisson counts).</source>
      <translation>Mae'r cyfraddau fesul grŵp ethnig yn cyfrif chwiliadau yn ôl {} yn erbyn preswylwyr arferol pob grŵp yng Nghyfrifiad 2021; mae'r cymarebau'n cymharu â chyfradd y grŵp Gwyn (cyfwng hyder 95%, cyfrifon Poisson).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Ratio to White
(95 % interval)</source>
      <translation>Cymhareb i'r grŵp Gwyn
(cyfwng 95 %)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>Reading the store's crimes and outcomes…</source>
      <translation>Yn darllen troseddau a chanlyniadau'r storfa…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>Refresh from police.uk</source>
      <translation>Adnewyddu o police.uk</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Residents: Census 2021 usual residents (ONS; NISRA for Northern Ireland).</source>
      <translation>Trigolion: preswylwyr arferol Cyfrifiad 2021 (ONS; NISRA ar gyfer Gogledd Iwerddon).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Robbery</source>
      <translation>Lladrad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/copy_store.py" />
      <source>Rows copied</source>
      <translation>Rhesi a gopïwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Rows without a location (area's forces)</source>
      <translation>Rhesi heb leoliad (heddluoedd yr ardal)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Rows without a location, of the area's forces: {:,} (counted, never placed: police.uk could not place them).</source>
      <translation>Rhesi heb leoliad, gan heddluoedd yr ardal: {:,} (wedi'u cyfrif, ond byth wedi'u gosod: ni allai police.uk eu lleoli).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Searches</source>
      <translation>Chwiliadau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Searches counted by {}</source>
      <translation>Chwiliadau wedi'u cyfrif yn ôl {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Searches located in the neighbourhood; searches without a location cannot be placed in it. Rates by ethnic group are not shown for a neighbourhood: Census 2021 residents by ethnic group are held per police force area only.</source>
      <translation>Chwiliadau a leolwyd yn y gymdogaeth; ni ellir gosod chwiliadau heb leoliad ynddi. Ni ddangosir cyfraddau yn ôl grŵp ethnig ar gyfer cymdogaeth: dim ond fesul ardal heddlu y cedwir trigolion Cyfrifiad 2021 yn ôl grŵp ethnig.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Self-defined</source>
      <translation>Hunanddiffiniedig</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Share of crimes at the top 1 % of locations</source>
      <translation>Cyfran y troseddau yn yr 1 % uchaf o leoliadau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Share of crimes at the top 10 % of locations</source>
      <translation>Cyfran y troseddau yn y 10 % uchaf o leoliadau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Share of crimes at the top 5 % of locations</source>
      <translation>Cyfran y troseddau yn y 5 % uchaf o leoliadau</translation>
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
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Show searches on the map</source>
      <translation>Dangos chwiliadau ar y map</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Since {month} ({age})</source>
      <translation>Ers {month} ({age})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>So far {} of the {} crimes of {} in the areas with complete data have an outcome{}; the rest are under investigation or have none recorded yet, so the charge rate ({} charged or summonsed) will rise as outcomes arrive.</source>
      <translation>Hyd yma mae gan {} o'r {} trosedd yn {} yn yr ardaloedd â data cyflawn ganlyniad{}; mae'r gweddill dan ymchwiliad neu heb ganlyniad wedi'i gofnodi eto, felly bydd y gyfradd cyhuddo ({} wedi'u cyhuddo neu eu gwysio) yn codi wrth i ganlyniadau gyrraedd.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/common.py" />
      <source>Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2022.</source>
      <translation>Ffynhonnell: Swyddfa Ystadegau Gwladol, wedi'i thrwyddedu o dan y Drwydded Llywodraeth Agored v.3.0. Yn cynnwys data'r Arolwg Ordnans © Hawlfraint y Goron a hawl cronfa ddata 2022.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Sporadic cold spot: cold now, on and off before</source>
      <translation>Man oer achlysurol: oer nawr, yn ysbeidiol cyn hynny</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>Sporadic hot spot: hot now, on and off before</source>
      <translation>Man poeth achlysurol: poeth nawr, yn ysbeidiol cyn hynny</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Status now</source>
      <translation>Statws nawr</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Stop and search</source>
      <translation>Stopio a chwilio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Stop and search breakdowns</source>
      <translation>Dadansoddiadau stopio a chwilio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Stop and search by area</source>
      <translation>Stopio a chwilio fesul ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>Stop and search from the Crime Map store, {} to {} ({} level): searches, the find rate (outcome linked to the object of the search), searches without a location, searches per 1,000 residents (Census 2021) and, by force, rates per 1,000 residents of each ethnic group (by {}) with the ratio to the White rate and its 95% confidence interval.</source>
      <translation>Stopio a chwilio o storfa Map Troseddau, {} i {} (lefel {}): chwiliadau, y gyfradd ddarganfod (canlyniad yn gysylltiedig â gwrthrych y chwiliad), chwiliadau heb leoliad, chwiliadau fesul 1,000 o drigolion (Cyfrifiad 2021) ac, fesul heddlu, cyfraddau fesul 1,000 o drigolion pob grŵp ethnig (yn ôl {}) gyda'r gymhareb i gyfradd y grŵp Gwyn a'i chyfwng hyder 95%.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Stop and search is shown for a force or a neighbourhood.</source>
      <translation>Dangosir stopio a chwilio ar gyfer heddlu neu gymdogaeth.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>Stop and search per 1,000 residents · {}</source>
      <translation>Stopio a chwilio fesul 1,000 o drigolion · {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Stop and search per area for START_MONTH to END_MONTH (empty: the 12 months to the latest stop-and-search month in the store). OUTPUT has per area: searches, found and find_rate (the share of searches whose outcome police.uk marks as linked to the object searched for; empty where no search records it), no_location (the share police.uk could not place; force level only), population and rate_per_1000 (searches per 1,000 usual residents, Census 2021). At force level it adds, for each broad ethnic group g (asian, black, mixed, white, other): searches_g, population_g (Census 2021 TS021 usual residents, summed from local authorities to police force areas), rate_g per 1,000, and for g other than white ratio_g = rate_g / rate_white with its 95% confidence interval ratio_g_low to ratio_g_high (log ratio, counts treated as Poisson) and ratio_g_reason where a ratio is undefined (a count of zero). ETHNICITY chooses whose description of the person counts: officer (the default: the officer-defined broad group, recorded for nearly every search), self (the ethnicity people give themselves, as the Home Office's bulletins count; 'Not stated' is unknown), or self_then_officer. BREAKDOWNS is a table (no geometry) with a row per area, dimension (legislation, object of search, outcome, age range, gender, officer- and self-defined ethnicity) and value: searches, share of the area's searches, found and find rate; join it to OUTPUT on area_code, filter it by dimension, or chart it. POINTS (optional) are the located searches, coloured by what they led to. Areas whose force lacks a stop-and-search month of the period, or published only part of one (the coverage audit), are marked complete = false and their figures left empty: 'no data', never zero. LEVEL neighbourhood counts the searches inside the store's neighbourhoods; lsoa inside the polygons of AREAS (an LSOA boundary layer with its code field AREA_CODE_FIELD).</source>
      <translation>Stopio a chwilio fesul ardal ar gyfer START_MONTH i END_MONTH (gwag: y 12 mis hyd at y mis stopio a chwilio diweddaraf yn y storfa). Mae gan OUTPUT fesul ardal: searches, found a find_rate (cyfran y chwiliadau y mae police.uk yn nodi bod eu canlyniad yn gysylltiedig â'r hyn y chwiliwyd amdano; gwag lle nad oes unrhyw chwiliad yn cofnodi hynny), no_location (cyfran y chwiliadau na allai police.uk eu lleoli; lefel heddlu yn unig), population a rate_per_1000 (chwiliadau fesul 1,000 o drigolion arferol, Cyfrifiad 2021). Ar lefel heddlu mae'n ychwanegu, ar gyfer pob grŵp ethnig bras g (asian, black, mixed, white, other): searches_g, population_g (trigolion arferol TS021 Cyfrifiad 2021, wedi'u symio o awdurdodau lleol i ardaloedd heddlu), rate_g fesul 1,000, ac ar gyfer g heblaw white, ratio_g = rate_g / rate_white gyda'i chyfwng hyder 95% ratio_g_low i ratio_g_high (cymhareb log, cyfrifon yn cael eu trin fel Poisson) a ratio_g_reason lle nad oes modd diffinio cymhareb (cyfrif o sero). Mae ETHNICITY yn dewis disgrifiad pwy o'r person sy'n cyfrif: officer (y rhagosodiad: y grŵp bras a ddiffiniwyd gan y swyddog, a gofnodir ar gyfer bron pob chwiliad), self (yr ethnigrwydd y mae pobl yn ei roi iddynt eu hunain, fel y mae bwletinau'r Swyddfa Gartref yn cyfrif; mae 'Not stated' yn anhysbys), neu self_then_officer. Mae BREAKDOWNS yn dabl (dim geometreg) gyda rhes fesul ardal, dimension (deddfwriaeth, gwrthrych y chwiliad, canlyniad, ystod oedran, rhywedd, ethnigrwydd a ddiffiniwyd gan y swyddog ac ethnigrwydd hunanddiffiniedig) a value: chwiliadau, cyfran chwiliadau'r ardal, found a'r gyfradd ddarganfod; cysylltwch ef ag OUTPUT ar area_code, hidlwch ef yn ôl dimension, neu gwnewch siart ohono. POINTS (dewisol) yw'r chwiliadau a leolwyd, wedi'u lliwio yn ôl yr hyn a ddaeth ohonynt. Caiff ardaloedd y mae eu heddlu heb fis stopio a chwilio o'r cyfnod, neu a gyhoeddodd ran o fis yn unig (yr archwiliad cwmpas), eu marcio'n complete = false a'u ffigurau eu gadael yn wag: 'dim data', byth sero. Mae LEVEL neighbourhood yn cyfrif y chwiliadau y tu mewn i gymdogaethau'r storfa; lsoa y tu mewn i bolygonau AREAS (haen ffiniau LSOA gyda'i maes cod AREA_CODE_FIELD).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>Stop and search points</source>
      <translation>Pwyntiau stopio a chwilio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>Stop and search points · {}</source>
      <translation>Pwyntiau stopio a chwilio · {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/copy_store.py" />
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
      <source>Store (GeoPackage or PostgreSQL)</source>
      <translation>Storfa (GeoPackage neu PostgreSQL)</translation>
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
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>Street map</source>
      <translation>Map stryd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>Street map not drawn: QGIS could not open {host}'s tiles.</source>
      <translation>Ni luniwyd y map stryd: ni allai QGIS agor teils {host}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>Street map not drawn: its tile URL needs {z}, {x} and {y} (Options ▸ Crime Map).</source>
      <translation>Ni luniwyd y map stryd: mae angen {z}, {x} a {y} yn ei URL teils (Dewisiadau ▸ Map Troseddau).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>Street map not drawn: {why} (offline?).</source>
      <translation>Ni luniwyd y map stryd: {why} (all-lein?).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>Street map tiles (XYZ URL)</source>
      <translation>Teils map stryd (URL XYZ)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>Street map: {host}; map data {osm}</source>
      <translation>Map stryd: {host}; data map {osm}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>Street-level crime from police.uk: locations are approximate (snapped to anonymous points).</source>
      <translation>Troseddau lefel stryd o police.uk: lleoliadau bras yw'r rhain (wedi'u symud i bwyntiau dienw).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Study area: {} ({}); forces of the area: {}.</source>
      <translation>Ardal astudio: {} ({}); heddluoedd yr ardal: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/copy_store.py" />
      <source>TARGET is required: where the copy goes.</source>
      <translation>Mae angen TARGET: ble mae'r copi'n mynd.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Team store on PostgreSQL</source>
      <translation>Storfa tîm ar PostgreSQL</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Telephone</source>
      <translation>Ffôn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>Telephone: {}</source>
      <translation>Ffôn: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>The area</source>
      <translation>Yr ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>The bundled force areas cannot be opened: {}</source>
      <translation>Ni ellir agor yr ardaloedd heddlu sy'n dod gyda'r ategyn: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>The comparison failed: {}</source>
      <translation>Methodd y gymhariaeth: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>The coverage audit calls a force-month partial when it holds fewer than 60 % of the rows expected from the force's own neighbouring months (the median of up to three stored months either side); comparisons then treat it like a month with no data. Where you know better (the force confirms the month is complete), mark it whole: it is kept in the store (table coverage_overrides), shown as overridden in the coverage table, and compared again. With WHOLE unticked the mark is taken back and the audit decides again.</source>
      <translation>Mae'r archwiliad cwmpas yn galw mis heddlu yn rhannol pan fo ganddo lai na 60 % o'r rhesi a ddisgwylir o fisoedd cyfagos yr heddlu ei hun (canolrif hyd at dri mis a storiwyd bob ochr); yna mae cymariaethau'n ei drin fel mis heb ddata. Lle gwyddoch yn well (mae'r heddlu'n cadarnhau bod y mis yn gyflawn), marciwch ef yn gyflawn: caiff ei gadw yn y storfa (tabl coverage_overrides), ei ddangos fel un wedi'i ddiystyru yn y tabl cwmpas, a'i gymharu eto. Gyda WHOLE heb ei dicio, caiff y marc ei dynnu'n ôl ac mae'r archwiliad yn penderfynu eto.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>The coverage audit finds {force} {month} partial: {rows:,} rows against about {expected:,.0f} expected from the months around it. Compare it as a whole month anyway? (Kept in the store; you can take it back here.)</source>
      <translation>Mae'r archwiliad cwmpas yn canfod bod {month} {force} yn rhannol: {rows:,} o resi yn erbyn tua {expected:,.0f} a ddisgwylir o'r misoedd o'i gwmpas. Ei gymharu fel mis cyflawn beth bynnag? (Cedwir yn y storfa; gallwch ei dynnu'n ôl yma.)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>The density is written as a GeoTIFF: give a .tif file</source>
      <translation>Caiff y dwysedd ei ysgrifennu fel GeoTIFF: rhowch ffeil .tif</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>The dock's choice ({period} against {baseline}) has months with no or partial data for this force.</source>
      <translation>Mae gan ddewis y panel ({period} yn erbyn {baseline}) fisoedd heb ddata, neu â data rhannol, ar gyfer yr heddlu hwn.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>The group's rate divided by the White rate, with its 95 % confidence interval (log ratio, counts treated as Poisson, populations as exact)</source>
      <translation>Cyfradd y grŵp wedi'i rhannu â chyfradd y grŵp Gwyn, gyda'i chyfwng hyder 95 % (cymhareb log, cyfrifon yn cael eu trin fel Poisson, poblogaethau fel rhai union)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>The output is a GeoTIFF (EPSG:27700), styled from transparent at zero through yellow to red.</source>
      <translation>Mae'r allbwn yn GeoTIFF (EPSG:27700), wedi'i arddullio o dryloyw ar sero, drwy felyn, i goch.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>The period ends ({}) before it starts ({})</source>
      <translation>Mae'r cyfnod yn gorffen ({}) cyn iddo ddechrau ({})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>The period is START_MONTH to END_MONTH (empty: the latest 12 months the store holds). </source>
      <translation>Y cyfnod yw START_MONTH i END_MONTH (gwag: y 12 mis diweddaraf y mae'r storfa'n eu dal). </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>The period is START_MONTH to END_MONTH (empty: the latest 12 months the store holds). Crimes are projected with PROJ (EPSG:4326 to EPSG:27700); the grid is aligned to multiples of CELL_SIZE in British National Grid; a cell belongs to the study area when its centre lies inside the area, empty cells included; a crime counts in the cell that contains its point, whichever force recorded it; rows without a location are counted and reported, never placed. The neighbours of a cell are the cells whose centres lie within DISTANCE_BAND of its centre, itself included, with weight 1. gi_z is Gi* (Getis and Ord 1995, as ArcGIS's Hot Spot Analysis with binary weights), gi_p its two-sided normal p-value, gi_q the Benjamini–Hochberg q-value over all cells, and hotspot the class from gi_q: hot or cold at 99 % (q below 0.01), 95 % (below 0.05) or 90 % (below 0.10), otherwise not significant. CELL_SIZE 0 chooses a size from the data: the spacing the distinct crime locations would have if spread evenly over the area, rounded to 50, 100, 250, 500, 1000, 2500, 5000 or 10000 m; DISTANCE_BAND 0 is 1.5 cells (the 3 × 3 block around each cell). Both are reported in the log and as outputs. </source>
      <translation>Y cyfnod yw START_MONTH i END_MONTH (gwag: y 12 mis diweddaraf y mae'r storfa'n eu dal). Caiff troseddau eu taflunio gyda PROJ (EPSG:4326 i EPSG:27700); caiff y grid ei alinio i luosrifau o CELL_SIZE yn y Grid Cenedlaethol Prydain; mae cell yn perthyn i'r ardal astudio pan fo'i chanol y tu mewn i'r ardal, gan gynnwys celloedd gwag; mae trosedd yn cyfrif yn y gell sy'n cynnwys ei phwynt, pa heddlu bynnag a'i cofnododd; caiff rhesi heb leoliad eu cyfrif a rhoddir gwybod amdanynt, ond ni chânt byth eu gosod. Cymdogion cell yw'r celloedd y mae eu canol o fewn DISTANCE_BAND i'w chanol hi, gan gynnwys y gell ei hun, gyda phwysiad 1. gi_z yw Gi* (Getis ac Ord 1995, fel Hot Spot Analysis ArcGIS gyda phwysiadau deuaidd), gi_p ei werth p normal dwyochrog, gi_q y gwerth q Benjamini–Hochberg dros yr holl gelloedd, a hotspot y dosbarth o gi_q: poeth neu oer ar 99 % (q o dan 0.01), 95 % (o dan 0.05) neu 90 % (o dan 0.10), fel arall ddim yn arwyddocaol. Mae CELL_SIZE 0 yn dewis maint o'r data: y bylchiad a fyddai rhwng y lleoliadau trosedd unigryw pe baent wedi'u gwasgaru'n wastad dros yr ardal, wedi'i dalgrynnu i 50, 100, 250, 500, 1000, 2500, 5000 neu 10000 m; DISTANCE_BAND 0 yw 1.5 cell (y bloc 3 × 3 o gwmpas pob cell). Rhoddir gwybod am y ddau yn y log ac fel allbynnau. </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>The period is START_MONTH to END_MONTH (empty: the latest 12 months the store holds, whole steps). A time step that holds a missing or partial force-month of the area is missing, never zero: it has no Gi* and is left out of every cell's series. </source>
      <translation>Y cyfnod yw START_MONTH i END_MONTH (gwag: y 12 mis diweddaraf y mae'r storfa'n eu dal, mewn camau cyflawn). Mae cam amser sy'n cynnwys mis heddlu coll neu rannol gan un o heddluoedd yr ardal ar goll, byth yn sero: nid oes Gi* iddo a chaiff ei hepgor o gyfres pob cell. </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>The same months a year earlier (seasons alike)</source>
      <translation>Yr un misoedd flwyddyn yn gynharach (yr un tymhorau)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>The searches could not be added to the map: {}</source>
      <translation>Ni ellid ychwanegu'r chwiliadau at y map: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>The store cannot be read: {}</source>
      <translation>Ni ellir darllen y storfa: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>The store holds fewer months than one time step</source>
      <translation>Mae gan y storfa lai o fisoedd nag un cam amser</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>The store holds no neighbourhood {}: import the force's neighbourhoods first</source>
      <translation>Does dim cymdogaeth {} yn y storfa: mewnforiwch gymdogaethau'r heddlu yn gyntaf</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>The store holds no neighbourhood {}: import the force's neighbourhoods first (crimemap:importneighbourhoods)</source>
      <translation>Does dim cymdogaeth {} yn y storfa: mewnforiwch gymdogaethau'r heddlu yn gyntaf (crimemap:importneighbourhoods)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>The store holds no outcomes files: outcomes come from the street files' 'Last outcome category' alone, so there is no lag and no like-for-like comparison.</source>
      <translation>Does dim ffeiliau canlyniadau yn y storfa: daw'r canlyniadau o 'Last outcome category' y ffeiliau stryd yn unig, felly does dim oedi a dim cymhariaeth tebyg at ei debyg.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>The store holds no outcomes files: outcomes come from the street files' last outcome category, with no date, so the time to an outcome is not known.</source>
      <translation>Does dim ffeiliau canlyniadau yn y storfa: daw'r canlyniadau o gategori canlyniad olaf y ffeiliau stryd, heb ddyddiad, felly nid yw'r amser hyd at ganlyniad yn hysbys.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>The store holds no street crimes</source>
      <translation>Does dim troseddau stryd yn y storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>The store holds no street crimes of a force with a bundled area: give AREA or AREA_LAYER</source>
      <translation>Does dim troseddau stryd yn y storfa gan heddlu y mae ei ardal yn dod gyda'r ategyn: rhowch AREA neu AREA_LAYER</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>The street map's tile URL is set by the environment (CRIMEMAP_BASEMAP_URL).</source>
      <translation>Mae'r amgylchedd yn pennu URL teils y map stryd (CRIMEMAP_BASEMAP_URL).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>The style could not be saved beside the raster: {}</source>
      <translation>Ni ellid cadw'r arddull wrth ymyl y rhaster: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/styling.py" />
      <source>The style could not be saved in the GeoPackage: {}</source>
      <translation>Ni ellid cadw'r arddull yn y GeoPackage: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Theft from the person</source>
      <translation>Dwyn oddi ar y person</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>This briefing's area (dashed outline)</source>
      <translation>Ardal y briff hwn (amlinell doredig)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>This view cannot be shown: {}</source>
      <translation>Ni ellir dangos yr olwg hon: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Time step</source>
      <translation>Cam amser</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Time steps</source>
      <translation>Camau amser</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Time steps left out</source>
      <translation>Camau amser a hepgorwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>Time steps left out (missing or partial data)</source>
      <translation>Camau amser a hepgorwyd (data coll neu rannol)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Top locations</source>
      <translation>Prif leoliadau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>Top locations (numbered as listed)</source>
      <translation>Prif leoliadau (wedi'u rhifo fel yn y rhestr)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Top locations and concentration</source>
      <translation>Prif leoliadau a chrynodiad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Top locations to list (0 = all)</source>
      <translation>Prif leoliadau i'w rhestru (0 = y cyfan)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>Top {n} locations, {period} (in brackets: {baseline})</source>
      <translation>Y {n} prif leoliad, {period} (mewn cromfachau: {baseline})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Top {} % of locations ({:,}): {:,} crimes, {} of all.</source>
      <translation>Y {} % uchaf o leoliadau ({:,}): {:,} trosedd, {} o'r cyfan.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>Treat {force}'s {month} as whole (the audit finds it partial: {rows:,} rows, about {expected:,.0f} expected)…</source>
      <translation>Trin {month} {force} fel mis cyflawn (mae'r archwiliad yn ei ganfod yn rhannol: {rows:,} o resi, tua {expected:,.0f} a ddisgwylir)…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Unable to prosecute</source>
      <translation>Methu erlyn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>Under investigation</source>
      <translation>Dan ymchwiliad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/count_in_polygons.py" />
      <source>Unknown category: </source>
      <translation>Categori anhysbys: </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Unknown category: {}</source>
      <translation>Categori anhysbys: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/import_neighbourhoods.py" />
      <source>Unknown force: </source>
      <translation>Heddlu anhysbys: </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Unknown force: {} (use a police.uk id such as kent, or a stored neighbourhood as force/id)</source>
      <translation>Heddlu anhysbys: {} (defnyddiwch ddynodwr police.uk fel kent, neu gymdogaeth a storiwyd ar y ffurf heddlu/id)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Upcoming events</source>
      <translation>Digwyddiadau i ddod</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/upgrade_store.py" />
      <source>Upgrade a store</source>
      <translation>Uwchraddio storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Use a team store (PostgreSQL)…</source>
      <translation>Defnyddio storfa tîm (PostgreSQL)…</translation>
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
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Web page</source>
      <translation>Tudalen we</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>Web page: {}</source>
      <translation>Tudalen we: {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>What forces do about it</source>
      <translation>Beth mae heddluoedd yn ei wneud yn ei gylch</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>What has happened so far to the street crimes of a period (END_MONTH and the MONTHS before it, at most 12), per area. Each crime's latest outcome comes from the outcomes files joined by Crime ID (the entry of the latest month; several in one month resolved by the later stage of the justice process); without one, the street file's 'Last outcome category' stands in. A crime has an outcome yet unless it is 'Under investigation', 'Status update unavailable' or empty. Every wording police.uk has used maps to its current category and to one of seven groups: charged or summonsed; cautioned or community resolution; no suspect identified; unable to prosecute; under investigation; other; no outcome recorded. Anti-social behaviour has no outcomes and is left out. Fields: crimes, with_outcome and completeness (the share with an outcome yet), charged_or_summonsed and charge_rate (of all the period's crimes), a share_ field per group, median_lag_months (crime month to outcome month, outcomes-file entries only). Recent crimes are still under investigation, so the period is also compared like with like: same_lag_charge_rate (outcomes files only, known up to observed_to, the latest outcomes month in the store) against baseline_charge_rate, the same period a year earlier counting only outcomes recorded up to the same number of months (lag_months) after its end; charge_rate_change is their difference. Areas whose force lacks a street month of the period, or an outcomes month from the period's start to observed_to (missing or partial, as the coverage audit says), are marked complete = false and their figures left empty: 'no data', never zero. LEVEL force counts by the 'Falls within' column; neighbourhood uses the store's neighbourhoods (crimes counted inside each boundary); lsoa needs AREAS, an LSOA boundary layer, and AREA_CODE_FIELD, its LSOA code field (crimes counted by the LSOA code police.uk gives).</source>
      <translation>Beth sydd wedi digwydd hyd yma i droseddau stryd cyfnod (END_MONTH a'r MONTHS cyn hynny, 12 ar y mwyaf), fesul ardal. Daw canlyniad diweddaraf pob trosedd o'r ffeiliau canlyniadau wedi'u cysylltu yn ôl Crime ID (cofnod y mis diweddaraf; os oes sawl un mewn un mis, y cam diweddarach yn y broses gyfiawnder sy'n cyfrif); heb un, defnyddir 'Last outcome category' y ffeil stryd yn ei le. Mae gan drosedd ganlyniad eisoes oni bai ei bod yn 'Under investigation', 'Status update unavailable' neu'n wag. Mae pob geiriad y mae police.uk wedi'i ddefnyddio yn cyfateb i'w gategori cyfredol ac i un o saith grŵp: cyhuddwyd neu wysiwyd; rhybuddiwyd neu ddatrysiad cymunedol; ni nodwyd unrhyw un a ddrwgdybir; methu erlyn; dan ymchwiliad; arall; dim canlyniad wedi'i gofnodi. Does gan ymddygiad gwrthgymdeithasol ddim canlyniadau, a chaiff ei hepgor. Meysydd: crimes, with_outcome a completeness (y gyfran sydd â chanlyniad eisoes), charged_or_summonsed a charge_rate (o holl droseddau'r cyfnod), maes share_ ar gyfer pob grŵp, median_lag_months (o fis y drosedd i fis y canlyniad, cofnodion y ffeiliau canlyniadau yn unig). Mae troseddau diweddar yn dal dan ymchwiliad, felly caiff y cyfnod ei gymharu tebyg at ei debyg hefyd: same_lag_charge_rate (ffeiliau canlyniadau yn unig, yn hysbys hyd at observed_to, y mis canlyniadau diweddaraf yn y storfa) yn erbyn baseline_charge_rate, yr un cyfnod flwyddyn yn gynharach gan gyfrif dim ond canlyniadau a gofnodwyd hyd at yr un nifer o fisoedd (lag_months) ar ôl ei ddiwedd; charge_rate_change yw'r gwahaniaeth rhyngddynt. Caiff ardaloedd y mae eu heddlu heb fis stryd o'r cyfnod, neu heb fis canlyniadau o ddechrau'r cyfnod hyd at observed_to (ar goll neu'n rhannol, yn ôl yr archwiliad cwmpas), eu marcio'n complete = false a'u ffigurau eu gadael yn wag: 'dim data', byth sero. Mae LEVEL force yn cyfrif yn ôl y golofn 'Falls within'; mae neighbourhood yn defnyddio cymdogaethau'r storfa (troseddau wedi'u cyfrif y tu mewn i bob ffin); mae lsoa angen AREAS, haen ffiniau LSOA, ac AREA_CODE_FIELD, ei maes cod LSOA (troseddau wedi'u cyfrif yn ôl y cod LSOA y mae police.uk yn ei roi).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>What has happened so far to the street crimes of {} ({} level, {}): per area the crimes, the share with an outcome yet, the share in each outcome group, the charge or summons rate and the median months from crime to outcome, with the same period a year earlier observed at the same lag. From the Crime Map store.</source>
      <translation>Beth sydd wedi digwydd hyd yma i droseddau stryd {} (lefel {}, {}): fesul ardal, y troseddau, y gyfran sydd â chanlyniad eisoes, y gyfran ym mhob grŵp canlyniadau, y gyfradd cyhuddo neu wysio a'r canolrif misoedd o'r drosedd i'r canlyniad, gyda'r un cyfnod flwyddyn yn gynharach wedi'i arsylwi ar yr un oedi. O storfa Map Troseddau.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/upgrade_store.py" />
      <source>What was done</source>
      <translation>Beth a wnaed</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>Where</source>
      <translation>Ble</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>Where crime concentrates</source>
      <translation>Ble mae troseddau'n crynhoi</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>Where crime concentrates among police.uk's locations: each crime is published at an anonymous snap point named 'On or near …'. A location is its point (to 6 decimals) and its name. For the period (END_MONTH and the MONTHS before it; empty END_MONTH = the latest in the store) the table lists the TOP locations with the most crimes (0 = every location), with their crimes in the BASELINE period and the change; share is each location's share of the period's crimes. The log and the outputs give the share of the crimes at the top 1 %, 5 % and 10 % of the locations (the ceil(p % × L) busiest of the L locations with a crime) and the Gini coefficient of crimes over locations (0 when every location has as many crimes, near 1 when a few have them all); LORENZ, when asked for, is the Lorenz curve as a table. Only crimes whose point lies inside the area count. </source>
      <translation>Ble mae troseddau'n crynhoi ymhlith lleoliadau police.uk: cyhoeddir pob trosedd mewn pwynt dienw a enwir 'On or near …'. Lleoliad yw ei bwynt (i 6 lle degol) a'i enw. Ar gyfer y cyfnod (END_MONTH a'r MONTHS cyn hynny; END_MONTH gwag = y diweddaraf yn y storfa) mae'r tabl yn rhestru'r TOP lleoliad â'r mwyaf o droseddau (0 = pob lleoliad), gyda'u troseddau yn y cyfnod BASELINE a'r newid; share yw cyfran pob lleoliad o droseddau'r cyfnod. Mae'r log a'r allbynnau'n rhoi cyfran y troseddau yn yr 1 %, 5 % a 10 % uchaf o'r lleoliadau (y ceil(p % × L) prysuraf o'r L lleoliad â throsedd) a chyfernod Gini y troseddau dros leoliadau (0 pan fo gan bob lleoliad yr un nifer o droseddau, yn agos at 1 pan fo gan ychydig ohonynt y cyfan); LORENZ, pan ofynnir amdani, yw cromlin Lorenz fel tabl. Dim ond troseddau y mae eu pwynt y tu mewn i'r ardal sy'n cyfrif. </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>Where crime concentrates is shown for a force or a neighbourhood.</source>
      <translation>Dangosir ble mae troseddau'n crynhoi ar gyfer heddlu neu gymdogaeth.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>Where crime concentrates more (hot spots) or less (cold spots) than chance would give: the Getis–Ord Gi* statistic of the stored street crimes counted on a square grid. </source>
      <translation>Ble mae troseddau'n crynhoi mwy (mannau poeth) neu lai (mannau oer) nag y byddai siawns yn ei roi: ystadegyn Getis–Ord Gi* y troseddau stryd a storiwyd, wedi'u cyfrif ar grid sgwâr. </translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>Where crime happened, {period}</source>
      <translation>Ble digwyddodd troseddau, {period}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>White</source>
      <translation>Gwyn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/mark_whole.py" />
      <source>Whole (untick to let the audit decide again)</source>
      <translation>Cyflawn (dad-diciwch i adael i'r archwiliad benderfynu eto)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>Whose description of the person searched counts in the rates by ethnic group</source>
      <translation>Disgrifiad pwy o'r person a chwiliwyd sy'n cyfrif yn y cyfraddau yn ôl grŵp ethnig</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>Working…</source>
      <translation>Wrthi'n gweithio…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>Your neighbourhood team</source>
      <translation>Eich tîm cymdogaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/options.py" />
      <source>a .gpkg file, a PostgreSQL connection's name, or postgresql://…</source>
      <translation>ffeil .gpkg, enw cysylltiad PostgreSQL, neu postgresql://…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>about the same (within ±{}%)</source>
      <translation>tua'r un fath (o fewn ±{}%)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>about the same (within ±{})</source>
      <translation>tua'r un fath (o fewn ±{})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/trend.py" />
      <source>baseline</source>
      <translation>cyfnod cymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>below {}</source>
      <translation>o dan {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>beyond chance</source>
      <translation>y tu hwnt i siawns</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>by local authority district</source>
      <translation>fesul ardal awdurdod lleol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>by month</source>
      <translation>fesul mis</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>by neighbourhood</source>
      <translation>fesul cymdogaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>by quarter</source>
      <translation>fesul chwarter</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>cancelled</source>
      <translation>wedi'i ganslo</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_view.py" />
      <source>choose two different areas</source>
      <translation>dewiswch ddwy ardal wahanol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>crimes</source>
      <translation>troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>down more than {}%</source>
      <translation>i lawr mwy na {}%</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>down {}% to {}%</source>
      <translation>i lawr {}% i {}%</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/charts.py" />
      <source>equality</source>
      <translation>cydraddoldeb</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>every force in the store</source>
      <translation>pob heddlu yn y storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/compare.py" />
      <source>exact test for two Poisson counts; Benjamini–Hochberg q &lt; 0.05 over the areas compared, so the number of areas tested at once is allowed for</source>
      <translation>prawf union ar gyfer dau gyfrif Poisson; Benjamini–Hochberg q &lt; 0.05 dros yr ardaloedd a gymharwyd, felly ystyrir nifer yr ardaloedd a brofwyd ar yr un pryd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>exactly, at every crime location</source>
      <translation>yn union, ym mhob lleoliad trosedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>force area</source>
      <translation>ardal heddlu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>found: outcome linked to the object searched for</source>
      <translation>darganfuwyd: canlyniad yn gysylltiedig â'r hyn y chwiliwyd amdano</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>from the crimes binned to pixel centres (too many locations for the exact sum)</source>
      <translation>o'r troseddau wedi'u grwpio i ganol picseli (gormod o leoliadau ar gyfer y swm union)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/trend.py" />
      <source>hatched: partial data</source>
      <translation>wedi'i groeslinellu: data rhannol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>it gave an error</source>
      <translation>rhoddodd wall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>more than chance would explain</source>
      <translation>mwy nag y byddai siawns yn ei egluro</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>more than {} fewer</source>
      <translation>mwy na {} yn llai</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>more than {} more</source>
      <translation>mwy na {} yn fwy</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>n/a</source>
      <translation>amh</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>no</source>
      <translation>na</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>no area</source>
      <translation>dim ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>no connection, or no answer in time</source>
      <translation>dim cysylltiad, neu dim ateb mewn pryd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/comparison.py" />
      <source>no crimes before: a % is not defined</source>
      <translation>dim troseddau cynt: does dim %</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>no crimes in the period: no rate</source>
      <translation>dim troseddau yn y cyfnod: dim cyfradd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>no data</source>
      <translation>dim data</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/comparison.py" />
      <source>no data (a month is missing)</source>
      <translation>dim data (mae mis ar goll)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_view.py" />
      <source>no data for {}</source>
      <translation>dim data ar gyfer {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>no data.</source>
      <translation>dim data.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>no further action</source>
      <translation>dim camau pellach</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>no outcomes files: outcomes from the street files' last outcome category</source>
      <translation>dim ffeiliau canlyniadau: canlyniadau o gategori canlyniad olaf y ffeiliau stryd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>no residents: no rate</source>
      <translation>dim trigolion: dim cyfradd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>none</source>
      <translation>dim</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>not a secure link: copy it to open it</source>
      <translation>nid yw'n ddolen ddiogel: copïwch hi i'w hagor</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>not defined</source>
      <translation>heb ei diffinio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>officer-defined ethnicity</source>
      <translation>ethnigrwydd a ddiffiniwyd gan y swyddog</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>other outcome, not linked to the object (arrest, warning ...)</source>
      <translation>canlyniad arall, heb gysylltiad â'r gwrthrych (arestio, rhybudd ...)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>outcome not recorded</source>
      <translation>canlyniad heb ei gofnodi</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>outcomes files</source>
      <translation>ffeiliau canlyniadau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>outcomes recorded up to {}</source>
      <translation>canlyniadau a gofnodwyd hyd at {}</translation>
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
      <source>p = {p}: larger than chance would explain (p &lt; 0.05)</source>
      <translation>p = {p}: mwy nag y byddai siawns yn ei egluro (p &lt; 0.05)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/results.py" />
      <source>p = {p}: within what chance would explain</source>
      <translation>p = {p}: o fewn yr hyn y byddai siawns yn ei egluro</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>partial data</source>
      <translation>data rhannol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/comparison.py" />
      <source>partial data (a force published part of a month)</source>
      <translation>data rhannol (cyhoeddodd heddlu ran o fis)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_view.py" />
      <source>partial data for {}</source>
      <translation>data rhannol ar gyfer {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>partial month</source>
      <translation>mis rhannol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/trend.py" />
      <source>period</source>
      <translation>cyfnod</translation>
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
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>police.uk asked us to slow down; try again in a minute</source>
      <translation>gofynnodd police.uk i ni arafu; rhowch gynnig arall arni ymhen munud</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>police.uk could not be reached just now ({}), so these are the details saved earlier.</source>
      <translation>Nid oedd modd cysylltu â police.uk ar hyn o bryd ({}), felly dyma'r manylion a gadwyd yn gynharach.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>police.uk data (*.csv *.zip);;All files (*)</source>
      <translation>Data police.uk (*.csv *.zip);;Pob ffeil (*)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>police.uk sent an answer that could not be read</source>
      <translation>anfonodd police.uk ateb nad oedd modd ei ddarllen</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>police.uk stop-and-search records with a location, from the Crime Map store (locations are anonymised to the nearest of police.uk's map points).</source>
      <translation>Cofnodion stopio a chwilio police.uk sydd â lleoliad, o storfa Map Troseddau (mae'r lleoliadau wedi'u dienwi i'r agosaf o bwyntiau map police.uk).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>police.uk's anonymised location: every crime is published at the nearest of its map points</source>
      <translation>Lleoliad dienw police.uk: cyhoeddir pob trosedd yn y pwynt agosaf o blith ei bwyntiau map</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>police.uk's figure</source>
      <translation>ffigur police.uk</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>police.uk's server had a problem</source>
      <translation>roedd problem gyda gweinydd police.uk</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>polygon layer</source>
      <translation>haen polygonau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_actions.py" />
      <source>postgresql://user@host:5432/database?schema=crimemap</source>
      <translation>postgresql://user@host:5432/database?schema=crimemap</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>reference</source>
      <translation>grŵp cyfeirio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>self-defined ethnicity</source>
      <translation>ethnigrwydd hunan-ddiffiniedig</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>self-defined ethnicity, officer-defined where not stated</source>
      <translation>ethnigrwydd hunan-ddiffiniedig, neu wedi'i ddiffinio gan swyddog lle na chafodd ei nodi</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>stop and search</source>
      <translation>stopio a chwilio</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>stored neighbourhood</source>
      <translation>cymdogaeth a storiwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>street crimes</source>
      <translation>troseddau stryd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>the Crime Map Processing tools are not loaded</source>
      <translation>nid yw offer Prosesu Map Troseddau wedi'u llwytho</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>the algorithm made no layer</source>
      <translation>ni chreodd yr algorithm haen</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>the algorithm stopped</source>
      <translation>stopiodd yr algorithm</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>the area layer</source>
      <translation>haen yr ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>the month before</source>
      <translation>y mis cynt</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>the same month last year</source>
      <translation>yr un mis y llynedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>the same months last year</source>
      <translation>yr un misoedd y llynedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>the {n} months before</source>
      <translation>y {n} mis cynt</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/comparison.py" />
      <source>thick outline: larger than chance would explain</source>
      <translation>amlinell drwchus: mwy nag y byddai siawns yn ei egluro</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/comparison.py" />
      <source>thick outline: larger than chance would explain (allowing for the {} areas compared)</source>
      <translation>amlinell drwchus: mwy nag y byddai siawns yn ei egluro (gan ystyried y {} ardal a gymharwyd)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>today</source>
      <translation>heddiw</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>up more than {}%</source>
      <translation>cynnydd o fwy na {}%</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>up {}% to {}%</source>
      <translation>cynnydd o {}% i {}%</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>within what chance would explain</source>
      <translation>o fewn yr hyn y byddai siawns yn ei egluro</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>yes</source>
      <translation>ydy</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>{:,} cells in the study area (empty ones included), {:,} crimes in them; {:,} located crimes of the area's forces lie outside them.</source>
      <translation>{:,} cell yn yr ardal astudio (gan gynnwys rhai gwag), {:,} trosedd ynddynt; mae {:,} trosedd â lleoliad gan heddluoedd yr ardal y tu allan iddynt.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/emerging_hotspots.py" />
      <source>{:,} cells; {} time steps ({}); left out: {}.</source>
      <translation>{:,} cell; {} cam amser ({}); wedi'u hepgor: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>{:,} crimes used; the raster holds {:,.1f} crimes (density × pixel area: the rest spreads beyond the area's edge); highest density {:,.0f} crimes per km²; kernel summed {}.</source>
      <translation>{:,} trosedd wedi'u defnyddio; mae'r raster yn dal {:,.1f} trosedd (dwysedd × arwynebedd picsel: mae'r gweddill yn ymledu y tu hwnt i ffin yr ardal); y dwysedd uchaf {:,.0f} trosedd fesul km²; adiwyd y cnewyllyn {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/concentration.py" />
      <source>{:,} located crimes at {:,} locations in the area; {:,} rows without a location (area's forces) not counted.</source>
      <translation>{:,} trosedd â lleoliad mewn {:,} lleoliad yn yr ardal; ni chyfrifwyd {:,} rhes heb leoliad (heddluoedd yr ardal).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>{:,} residents (Census 2021)</source>
      <translation>{:,} o drigolion (Cyfrifiad 2021)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>{:,} residents (police.uk)</source>
      <translation>{:,} o drigolion (police.uk)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock_view.py" />
      <source>{:.2f} times the rate per 1,000 residents</source>
      <translation>{:.2f} gwaith y gyfradd fesul 1,000 o drigolion</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/hotspots.py" />
      <source>{:g} m cells</source>
      <translation>celloedd {:g} m</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>{area} (dashed outline)</source>
      <translation>{area} (amlinell doredig)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>{area} ({force}): crime briefing</source>
      <translation>{area} ({force}): briff troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>{area} has no boundary in the store: it is not drawn.</source>
      <translation>Does dim ffin i {area} yn y storfa: ni chaiff ei lunio.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>{area}: crime briefing</source>
      <translation>{area}: briff troseddau</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>{category} each month, {months}</source>
      <translation>{category} bob mis, {months}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category} fell {pct} — {n} fewer than {baseline}; {chance}</source>
      <translation>{category}: gostyngiad o {pct} — {n} yn llai nag yn {baseline}; {chance}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category} rose {pct} — {n} more than {baseline}; {chance}</source>
      <translation>{category}: cynnydd o {pct} — {n} yn fwy nag yn {baseline}; {chance}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category} was about the same ({pct}): {n} fewer than {baseline}; {chance}</source>
      <translation>{category}: tua'r un fath ({pct}), {n} yn llai nag yn {baseline}; {chance}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category} was about the same ({pct}): {n} more than {baseline}; {chance}</source>
      <translation>{category}: tua'r un fath ({pct}), {n} yn fwy nag yn {baseline}; {chance}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category} was unchanged: {n}, as in {baseline}</source>
      <translation>{category}: dim newid, {n}, fel yn {baseline}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category}: no data for {months}, so not compared</source>
      <translation>{category}: dim data ar gyfer {months}, felly ni chaiff ei gymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category}: none recorded, nor in {baseline}</source>
      <translation>{category}: dim wedi'u cofnodi, nac yn {baseline}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category}: partial data for {months} (the force published part of the month), so not compared</source>
      <translation>{category}: data rhannol ar gyfer {months} (cyhoeddodd yr heddlu ran o'r mis), felly ni chaiff ei gymharu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>{category}: {n} crimes (approximate places)</source>
      <translation>{category}: {n} trosedd (lleoliadau bras)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{category}: {n} recorded against none in {baseline}; {chance}</source>
      <translation>{category}: {n} wedi'u cofnodi o'i gymharu â dim yn {baseline}; {chance}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/compare.py" />
      <source>{category}: {period} compared with {baseline}</source>
      <translation>{category}: {period} yn erbyn {baseline}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>{crimes} crimes at {locations} locations. The busiest 1 %, 5 % and 10 % of locations have {s1}, {s5} and {s10} of them; Gini coefficient {gini}.</source>
      <translation>{crimes} trosedd mewn {locations} lleoliad. Mae gan yr 1 %, 5 % a 10 % prysuraf o leoliadau {s1}, {s5} a {s10} ohonynt; cyfernod Gini {gini}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>{crimes} crimes in {period}. Outcomes: {gap}</source>
      <translation>{crimes} trosedd yn ystod {period}. Canlyniadau: {gap}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>{force} has no neighbourhoods in the store and no local authority districts of its own: no places to list.</source>
      <translation>Nid oes gan {force} gymdogaethau yn y storfa nac ardaloedd awdurdod lleol ei hun: dim lleoedd i'w rhestru.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>{force}: neighbourhood briefings</source>
      <translation>{force}: briffiau cymdogaeth</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/map_sheet.py" />
      <source>{force}: {category}, {period} compared with {baseline}</source>
      <translation>{force}: {category}, {period} yn erbyn {baseline}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>{g}: {ratio:.2f} times the White rate (95 % interval {low:.2f} to {high:.2f})</source>
      <translation>{g}: {ratio:.2f} gwaith cyfradd y grŵp Gwyn (cyfwng 95 % {low:.2f} i {high:.2f})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>{host} answered {status}</source>
      <translation>atebodd {host} â chod {status}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>{host} could not be reached</source>
      <translation>nid oedd modd cyrraedd {host}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>{host} did not send a map tile</source>
      <translation>ni anfonodd {host} deilsen map</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/charts.py" />
      <source>{label}: {count} {unit}, {share} of {total}</source>
      <translation>{label}: {count} {unit}, {share} o {total}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>{location} ({lat:.6f}, {lon:.6f}): {crimes} crimes, {share} of the area's</source>
      <translation>{location} ({lat:.6f}, {lon:.6f}): {crimes} trosedd, {share} o droseddau'r ardal</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/comparison.py" />
      <source>{measure} · {category} · {period} vs {baseline}</source>
      <translation>{measure} · {category} · {period} yn erbyn {baseline}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{months} and {last}</source>
      <translation>{months} a {last}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{months} and {n} more</source>
      <translation>{months} a {n} arall</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>{name}: {now}, down from {before} ({pct})</source>
      <translation>{name}: {now}, i lawr o {before} ({pct})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>{name}: {now}, up from none</source>
      <translation>{name}: {now}, i fyny o ddim</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>{name}: {now}, up from {before} ({pct})</source>
      <translation>{name}: {now}, i fyny o {before} ({pct})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>{n} areas compared</source>
      <translation>{n} ardal a gymharwyd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/import_task.py" />
      <source>{n} files</source>
      <translation>{n} ffeil</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>{pages} briefing page(s): {period}; written to {files}</source>
      <translation>{pages} tudalen briffio: {period}; wedi'u hysgrifennu i {files}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing.py" />
      <source>{period} compared with {baseline}</source>
      <translation>{period} yn erbyn {baseline}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing_where.py" />
      <source>{rank}. {place}: {n} ({before})</source>
      <translation>{rank}. {place}: {n} ({before})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/briefing_text.py" />
      <source>{rate} per 1,000 residents ({source}: {population})</source>
      <translation>{rate} fesul 1,000 o drigolion ({source}: {population})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/compare_periods.py" />
      <source>{title}: {count} areas, {incomplete} without complete data.</source>
      <translation>{title}: {count} ardal, {incomplete} heb ddata cyflawn.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/trend.py" />
      <source>{} (partial data)</source>
      <translation>{} (data rhannol)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>{} ago</source>
      <translation>{} yn ôl</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>{} and above</source>
      <translation>{} ac uwch</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/outcomes.py" />
      <source>{} crimes have an outcome wording not known to Crime Map: they count in the 'other' group.</source>
      <translation>Mae gan {} trosedd eiriad canlyniad nad yw Map Troseddau yn ei adnabod: maen nhw'n cyfrif yn y grŵp 'arall'.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>{} crimes have no location and are not counted.</source>
      <translation>Does dim lleoliad gan {} trosedd, ac ni chânt eu cyfrif.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>{} days ago</source>
      <translation>{} diwrnod yn ôl</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>{} force areas</source>
      <translation>{} ardal heddlu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>{} forces</source>
      <translation>{} heddlu</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>{} has no area boundary to look in (it polices the railways everywhere).</source>
      <translation>Nid oes gan {} ffin ardal i chwilio ynddi (mae'n plismona'r rheilffyrdd ym mhobman).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/where_view.py" />
      <source>{} has no area boundary to look in.</source>
      <translation>Nid oes gan {} ffin ardal i chwilio ynddi.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/view_context.py" />
      <source>{} has no bundled boundary</source>
      <translation>Nid oes gan {} ffin sy'n dod gyda'r ategyn</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>{} has no bundled boundary: give its area as AREA_LAYER</source>
      <translation>Nid oes gan {} ffin sy'n dod gyda'r ategyn: rhowch ei ardal fel AREA_LAYER</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>{} has no outcomes in police.uk's files.</source>
      <translation>Nid oes gan {} ganlyniadau yn ffeiliau police.uk.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>{} has no stop and search in police.uk's files.</source>
      <translation>Nid oes gan {} ddata stopio a chwilio yn ffeiliau police.uk.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>{} have no location.</source>
      <translation>Nid oes lleoliad gan {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>{} is not a known area</source>
      <translation>Nid yw {} yn ardal hysbys</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>{} months</source>
      <translation>{} mis</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/outcomes_view.py" />
      <source>{} of these crimes have an outcome so far; recent months are still under investigation.</source>
      <translation>Mae gan {} o'r troseddau hyn ganlyniad hyd yma; mae troseddau'r misoedd diweddar yn dal dan ymchwiliad.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>{} of unknown ethnicity are in no group.</source>
      <translation>Nid yw {} o ethnigrwydd anhysbys mewn unrhyw grŵp.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/hotspot_layers.py" />
      <source>{} or more</source>
      <translation>{} neu fwy</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>{} searches</source>
      <translation>{} chwiliad</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>{} searches in {} in the {} areas with complete data; {} found what was searched for (outcome linked to the object).</source>
      <translation>{} chwiliad yn {} yn y {} ardal sydd â data cyflawn; daeth {} o hyd i'r hyn y chwiliwyd amdano (canlyniad yn gysylltiedig â'r gwrthrych).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>{} to under {}</source>
      <translation>{} i lai na {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/outcome_layers.py" />
      <source>{} to {}</source>
      <translation>{} i {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>{} to {} fewer</source>
      <translation>{} i {} yn llai</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/classify.py" />
      <source>{} to {} more</source>
      <translation>{} i {} yn fwy</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/stopsearch_view.py" />
      <source>{} usual residents (Census 2021)</source>
      <translation>{} o breswylwyr arferol (Cyfrifiad 2021)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/core/neighbourhood_view.py" />
      <source>{} years</source>
      <translation>{} blynedd</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>{} {:.1f} times</source>
      <translation>{} {:.1f} gwaith</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>{}: no data for {}</source>
      <translation>{}: dim data ar gyfer {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>{}: no team details are saved, and police.uk could not be reached ({}).</source>
      <translation>{}: does dim manylion tîm wedi'u cadw, ac nid oedd modd cysylltu â police.uk ({}).</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/neighbourhood_panel.py" />
      <source>{}: no team details stored yet; asking police.uk…</source>
      <translation>{}: dim manylion tîm wedi'u storio eto; yn holi police.uk…</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>{}: not a month (YYYY-MM): {}</source>
      <translation>{}: nid yw'n fis (BBBB-MM): {}</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>{}: search rate against the White rate: {}.</source>
      <translation>{}: cyfradd chwilio o'i chymharu â chyfradd y grŵp Gwyn: {}.</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/briefing_map.py" />
      <source>{}: the briefing is written as .pdf or .png; choose one</source>
      <translation>{}: caiff y briff ei ysgrifennu fel .pdf neu .png; dewiswch un</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/density.py" />
      <source>{}: the raster cannot be written</source>
      <translation>{}: ni ellir ysgrifennu'r raster</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/stop_search.py" />
      <source>{}: the store holds no stop and search yet</source>
      <translation>{}: does dim data stopio a chwilio yn y storfa eto</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.py" />
      <source>{}: upgraded ({})</source>
      <translation>{}: wedi'i huwchraddio ({})</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>{}: {} is a partial submission</source>
      <translation>{}: mae {} yn gyflwyniad rhannol</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/processing/study_area.py" />
      <source>{}: {} is a partial submission ({:,} rows, about {:,.0f} expected)</source>
      <translation>{}: mae {} yn gyflwyniad rhannol ({:,} o resi, tua {:,.0f} a ddisgwylir)</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/basemap.py" />
      <source>© OpenStreetMap contributors</source>
      <translation>© Cyfranwyr OpenStreetMap</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/layers/briefing.py" />
      <source>… and {n} more in the neighbourhood panel and on police.uk</source>
      <translation>… a {n} arall yn y panel cymdogaeth ac ar police.uk</translation>
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
      <source>&lt;small&gt;police.uk data, OGL v3.0&lt;/small&gt;</source>
      <translation>&lt;small&gt;Data police.uk, OGL v3.0&lt;/small&gt;</translation>
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
      <source>All crime, the 2009 headline groups, then every police.uk category</source>
      <translation>Pob trosedd, prif grwpiau 2009, yna pob categori police.uk</translation>
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
      <source>Contains public sector information licensed under the Open Government Licence v3.0. Census 2021 and boundaries: Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2022.</source>
      <translation>Yn cynnwys gwybodaeth sector cyhoeddus a drwyddedir o dan y Drwydded Llywodraeth Agored v3.0. Cyfrifiad 2021 a ffiniau: Ffynhonnell: Swyddfa Ystadegau Gwladol, wedi'i thrwyddedu o dan y Drwydded Llywodraeth Agored v.3.0. Yn cynnwys data'r Arolwg Ordnans © Hawlfraint y Goron a hawl cronfa ddata 2022.</translation>
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
      <source>Import data.police.uk CSV files (several at once), a custom-download folder or an archive zip</source>
      <translation>Mewnforio ffeiliau CSV data.police.uk (sawl un ar unwaith), ffolder lawrlwytho bwrpasol neu archif zip</translation>
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
      <source>Map</source>
      <translation>Mapio</translation>
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
      <source>Police force areas, or the neighbourhoods in the store</source>
      <translation>Ardaloedd heddluoedd, neu'r cymdogaethau yn y storfa</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>Store ▾</source>
      <translation>Storfa ▾</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>What the map colours the areas by</source>
      <translation>Beth sy'n pennu lliw'r ardaloedd ar y map</translation>
    </message>
    <message>
      <location filename="crimemap_plugin/ui/dock.ui" />
      <source>What the period is compared with</source>
      <translation>Â beth y cymharir y cyfnod</translation>
    </message>
  </context>
</TS>
