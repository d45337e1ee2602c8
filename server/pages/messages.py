"""The interface's words in both languages. Data (labels, notes) never comes from here:
it comes from the graph, official Chinese and our English alike."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- site ---
    "site.title": {"zh": "服务外包产业重点发展领域指导目录", "en": "Service Outsourcing Catalogue"},
    "site.subtitle": {"zh": "关联数据", "en": "as linked data"},
    "site.skip": {"zh": "跳到正文", "en": "Skip to content"},
    "nav.label": {"zh": "主导航", "en": "Main"},
    "nav.home": {"zh": "首页", "en": "Home"},
    "nav.catalogue": {"zh": "目录", "en": "Catalogue"},
    "nav.search": {"zh": "搜索", "en": "Search"},
    "nav.sparql": {"zh": "SPARQL 查询", "en": "SPARQL"},
    "nav.downloads": {"zh": "下载", "en": "Downloads"},
    "nav.ontology": {"zh": "本体", "en": "Ontology"},
    "nav.model": {"zh": "模型", "en": "Model"},
    "lang.switch": {"zh": "语言", "en": "Language"},
    "lang.zh": {"zh": "中文", "en": "中文"},
    "lang.en": {"zh": "English", "en": "English"},
    "search.placeholder": {
        "zh": "名称或编码，如 人脸 或 06.09",
        "en": "Name or code, e.g. 人脸 or 06.09",
    },
    "search.label": {"zh": "按名称或编码搜索", "en": "Search by name or code"},
    "search.button": {"zh": "搜索", "en": "Search"},
    "breadcrumb": {"zh": "位置", "en": "Breadcrumb"},
    # --- footer ---
    "footer.official": {
        "zh": "中文为官方文本（商务部等四部门公告2022年第15号）。英文为本项目的非官方译文。",
        "en": "The Chinese is the official text (Announcement No. 15 of 2022 of MOFCOM, MIIT, "
        "MOF and GACC). The English is this project's unofficial translation.",
    },
    "footer.licence": {"zh": "数据许可", "en": "Data licence"},
    "footer.build": {"zh": "构建", "en": "Build"},
    "footer.statements": {"zh": "条陈述", "en": "statements"},
    "footer.metadata": {"zh": "数据集描述（VoID）", "en": "Dataset description (VoID)"},
    "footer.quality": {"zh": "质量报告", "en": "Quality report"},
    "footer.not_affiliated": {
        "zh": "本项目为开源项目，与发布部门无隶属关系。",
        "en": "An open-source project, not affiliated with the issuing ministries.",
    },
    # --- marks ---
    "unofficial": {"zh": "非官方译文", "en": "unofficial translation"},
    "unofficial.title": {
        "zh": "英文为本项目的译文，并非官方文本",
        "en": "Our translation; only the Chinese text is official",
    },
    "official": {"zh": "官方文本", "en": "official text"},
    "minted": {"zh": "本项目编制的编码，非官方", "en": "code minted by this project, not official"},
    "abolished": {"zh": "已废止", "en": "Abolished"},
    "non_exhaustive": {
        "zh": "原文列举以“等”结尾：下列各项并未穷尽。",
        "en": "The official list ends with 等 (“etc.”): the items below do not exhaust it.",
    },
    # --- home ---
    "home.lead": {
        "zh": "《服务外包产业重点发展领域指导目录（2022年版）》将服务外包分为三大类别、"
        "二十个重点发展领域及其主要业务类型。本站将其发布为 SKOS/XKOS 关联数据："
        "每个类别、领域和业务类型都有稳定的 IRI，可供人阅读，也可供程序查询。",
        "en": "The Guiding Catalogue of Key Development Areas of the Service Outsourcing Industry "
        "(2022 edition) sorts service outsourcing into three categories, twenty key domains and "
        "their main business types. This site publishes it as SKOS/XKOS linked data: every "
        "category, domain and business type has a stable IRI, for people to read and for "
        "programs to query.",
    },
    "home.issued": {"zh": "发布", "en": "Issued"},
    "home.issued_by": {"zh": "发布单位", "en": "Issued by"},
    "home.announcement": {"zh": "公告", "en": "Announcement"},
    "home.replaced": {"zh": "取代", "en": "Replaced"},
    "home.replaced_text": {
        "zh": "2018年发布的目录同时废止。",
        "en": "The catalogue published in 2018, abolished by the same announcement.",
    },
    "home.categories": {
        "zh": "三大类别和二十个重点发展领域",
        "en": "Three categories, twenty key domains",
    },
    "home.counts": {"zh": "数量", "en": "In numbers"},
    "home.use": {"zh": "使用数据", "en": "Use the data"},
    "home.use.sparql": {
        "zh": "SPARQL 查询端点与查询界面",
        "en": "SPARQL endpoint and query editor",
    },
    "home.use.downloads": {"zh": "完整数据下载及校验和", "en": "Full downloads, with checksums"},
    "home.use.void": {"zh": "VoID/DCAT 数据集描述", "en": "VoID/DCAT description of the dataset"},
    "home.use.ontology": {"zh": "本项目本体（soc:）", "en": "The project's ontology (soc:)"},
    "home.use.source": {"zh": "官方原文（逐行）", "en": "The official text, line by line"},
    "home.use.model": {"zh": "数据模型及其图示", "en": "The model, with a diagram"},
    "home.use.quality": {
        "zh": "SKOS 质量报告（qSKOS 检查和 SHACL）",
        "en": "SKOS quality report (qSKOS checks and SHACL)",
    },
    "home.use.iris": {
        "zh": "每个 IRI 都可解析：浏览器得到页面，"
        "程序按 Accept 得到 Turtle、N-Triples、RDF/XML 或 JSON-LD。",
        "en": "Every IRI resolves: a browser gets a page, a program gets Turtle, N-Triples, "
        "RDF/XML or JSON-LD by its Accept header.",
    },
    "count.categories": {"zh": "类别", "en": "categories"},
    "count.domains": {"zh": "重点发展领域", "en": "key domains"},
    "count.business_types": {"zh": "业务类型", "en": "business types"},
    "count.subtypes": {"zh": "业务子类型", "en": "business sub-types"},
    "count.triples": {"zh": "条陈述", "en": "statements"},
    "count.domains_short": {"zh": "个领域", "en": "domains"},
    "count.types_short": {"zh": "种业务类型", "en": "business types"},
    # --- resource pages ---
    "iri": {"zh": "IRI", "en": "IRI"},
    "code": {"zh": "编码", "en": "Code"},
    "level": {"zh": "层级", "en": "Level"},
    "scheme": {"zh": "分类体系", "en": "Scheme"},
    "type": {"zh": "类型", "en": "Type"},
    "definition": {"zh": "定义和范围", "en": "Definition and scope"},
    "definition.generated": {"zh": "定义（生成）", "en": "Definition (generated)"},
    "definition.generated.title": {
        "zh": "原文只定义重点发展领域；此英文定义由本项目根据目录结构生成，并非官方文本",
        "en": "The text defines only key domains; this definition was generated by this "
        "project from the catalogue's structure and is not official text",
    },
    "generated": {"zh": "生成，非官方", "en": "generated, not official"},
    "inclusions": {"zh": "包括", "en": "Includes"},
    "exclusions": {"zh": "不包括", "en": "Excludes"},
    "policy": {"zh": "政策支持", "en": "Policy support"},
    "covered_by": {"zh": "见", "en": "covered by"},
    "not_covered": {"zh": "目录中未列入其他领域", "en": "not listed elsewhere in the catalogue"},
    "covered_here": {
        "zh": "在其他领域中被排除、在此涵盖",
        "en": "Excluded elsewhere, covered here",
    },
    "excluded_from": {"zh": "排除于", "en": "excluded from"},
    "narrower": {"zh": "下位条目", "en": "Narrower"},
    "narrower.domains": {"zh": "重点发展领域", "en": "Key domains"},
    "narrower.types": {"zh": "主要业务类型", "en": "Main business types"},
    "narrower.subtypes": {"zh": "业务子类型", "en": "Business sub-types"},
    "source_lines": {"zh": "原文", "en": "Source text"},
    "source_lines.note": {
        "zh": "出自官方文本的以下各行（链接指向该摘录的 IRI）：",
        "en": "From these lines of the official text (the link is the excerpt's IRI):",
    },
    "source_lines.unavailable": {
        "zh": "此服务器上没有与本次构建一致的原文副本。",
        "en": "This server has no copy of the text that matches the build.",
    },
    "data": {"zh": "数据", "en": "Data"},
    "data.download": {"zh": "下载本页数据", "en": "This resource's data"},
    "data.query": {"zh": "用 SPARQL 查询", "en": "Query it with SPARQL"},
    "data.query_text": {
        "zh": "关于它的每一条陈述及其所在的命名图（官方、译文、整理……）",
        "en": "Every statement about it, with the named graph it is in "
        "(official, translation, curation…)",
    },
    "statements": {"zh": "全部陈述", "en": "All statements"},
    "property": {"zh": "属性", "en": "Property"},
    "value": {"zh": "值", "en": "Value"},
    "referenced_by": {"zh": "引用本资源的", "en": "Referenced by"},
    "tree": {"zh": "完整目录", "en": "The whole catalogue"},
    "tree.expand": {
        "zh": "点击类别和领域可展开或收起。",
        "en": "Open and close categories and domains by clicking them.",
    },
    "levels": {"zh": "层级", "en": "Levels"},
    "members": {"zh": "成员", "en": "Members"},
    "official_text": {"zh": "官方原文", "en": "Official text"},
    "official_text.lead": {
        "zh": "公告原文（PDF 文本提取，按收到时的样子逐行显示）。每个概念都注明出自哪几行；"
        "IRI 片段 #line=a,b 指向第 a+1 至 b 行（RFC 5147）。",
        "en": "The announcement's text as received (a PDF text extraction), line by line. Every "
        "concept cites the lines it came from; the IRI fragment #line=a,b names lines a+1 to b "
        "(RFC 5147).",
    },
    "official_text.plain": {"zh": "纯文本", "en": "Plain text"},
    "line": {"zh": "行", "en": "Line"},
    "derived": {"zh": "出自此处", "en": "derived here"},
    "ontology.terms": {"zh": "术语", "en": "Terms"},
    "ontology.files": {"zh": "本体文件", "en": "Ontology files"},
    "graph.download": {"zh": "下载此命名图", "en": "Download this named graph"},
    # --- search and classify (server/search) ---
    "also_called": {"zh": "常用说法", "en": "Also called"},
    "curated": {"zh": "非官方", "en": "unofficial"},
    "curated.title": {
        "zh": "从业者的常用说法，由本项目整理（curation/alt-labels.ttl），不是目录原文",
        "en": "Words practitioners use, curated by this project (curation/alt-labels.ttl); "
        "not the catalogue's text",
    },
    "search.level": {"zh": "层级", "en": "Level"},
    "search.category": {"zh": "类别", "en": "Category"},
    "search.any": {"zh": "全部", "en": "Any"},
    "search.filter": {"zh": "筛选", "en": "Filter"},
    "search.score": {"zh": "得分", "en": "score"},
    "search.suggestions": {"zh": "建议", "en": "Suggestions"},
    "level.category": {"zh": "类别", "en": "category"},
    "level.domain": {"zh": "重点发展领域", "en": "key domain"},
    "level.business-type": {"zh": "主要业务类型", "en": "business type"},
    "level.business-subtype": {"zh": "业务子类", "en": "business sub-type"},
    "field.notation": {"zh": "编码", "en": "code"},
    "field.prefLabel": {"zh": "名称", "en": "name"},
    "field.altLabel": {"zh": "常用说法（非官方）", "en": "common name (unofficial)"},
    "field.hiddenLabel": {"zh": "常用说法（非官方）", "en": "common wording (unofficial)"},
    "field.definition": {"zh": "定义和范围", "en": "definition and scope"},
    "field.inclusionNote": {"zh": "包括", "en": "inclusion"},
    "field.exclusionNote": {"zh": "不包括", "en": "exclusion"},
    "field.policyNote": {"zh": "支持", "en": "policy note"},
    "nav.classify": {"zh": "归类", "en": "Classify"},
    "classify.title": {
        "zh": "这项业务属于哪个领域？",
        "en": "Which domain is my business in?",
    },
    "classify.hint": {
        "zh": "用一两句话描述业务（经营范围、服务内容或招聘要求均可），中文或英文。",
        "en": "Describe the business in a sentence or two (a business scope, a service offer, a "
        "job ad), in Chinese or English.",
    },
    "classify.label": {"zh": "业务描述", "en": "Business description"},
    "classify.button": {"zh": "归类", "en": "Classify"},
    "classify.none": {
        "zh": "没有匹配的重点发展领域。",
        "en": "No key domain matches.",
    },
    "classify.none_hint": {
        "zh": "目录只列出服务外包的重点发展领域；描述中没有足够的词语与其名称或定义相符。",
        "en": "The catalogue lists only the key domains of service outsourcing; too few words of "
        "the description match their names or definitions.",
    },
    "classify.confidence": {
        "zh": "确定程度（前两个领域的差距）",
        "en": "Confidence (margin between the first two domains)",
    },
    "classify.followup": {"zh": "请进一步确认", "en": "To tell them apart"},
    "classify.evidence": {"zh": "依据", "en": "Evidence"},
    "classify.domain": {"zh": "所属领域", "en": "Key domain"},
    "classify.source": {"zh": "原文", "en": "source lines"},
    "classify.excludes": {"zh": "排除", "en": "excludes"},
    "classify.excluded": {
        "zh": "已按目录的排除条款处理：",
        "en": "Exclusions of the catalogue applied:",
    },
    "classify.kept": {
        "zh": "描述中也有该领域自身的业务，因此保留",
        "en": "kept: the description also names what it covers",
    },
    "classify.unofficial": {
        "zh": "自动归类仅供参考，依据是目录原文和本项目整理的常用说法，不代表主管部门的认定。",
        "en": "An automatic suggestion from the catalogue's text and our curated wording; not a "
        "ruling of the authorities.",
    },
    # --- search ---
    "search.title": {"zh": "搜索", "en": "Search"},
    "search.results": {"zh": "条结果", "en": "results"},
    "search.none": {"zh": "没有找到。", "en": "Nothing found."},
    "search.hint": {
        "zh": "可按中文或英文名称的任意部分搜索，也可按编码搜索（如 06、06.09、6.9）。",
        "en": "Search any part of a Chinese or English name, or a code (06, 06.09, 6.9).",
    },
    "kind.concept": {"zh": "概念", "en": "concept"},
    "kind.activity": {"zh": "被排除的业务活动", "en": "excluded activity"},
    "kind.organization": {"zh": "发布单位", "en": "ministry"},
    "kind.document": {"zh": "文件", "en": "document"},
    "kind.scheme": {"zh": "分类体系", "en": "scheme"},
    "kind.level": {"zh": "层级", "en": "level"},
    "kind.term": {"zh": "本体术语", "en": "ontology term"},
    "kind.dataset": {"zh": "数据集", "en": "dataset"},
    # --- not found ---
    "not_found.title": {"zh": "没有这个页面", "en": "Nothing here"},
    "not_found.text": {
        "zh": "本站没有以下地址所指的资源：",
        "en": "This site has no resource at this address:",
    },
    "not_found.suggestions": {"zh": "您是否要找：", "en": "Perhaps you meant:"},
    "not_found.search": {"zh": "或者搜索：", "en": "Or search:"},
    # --- the query page ---
    "q.title": {"zh": "SPARQL 查询端点", "en": "SPARQL endpoint"},
    "q.facts": {
        "zh": "条陈述，分属 {graphs} 个命名图 · 默认图为其并集 · 只读 · "
        "查询超过 {timeout} 秒即停止",
        "en": "statements in {graphs} named graphs · the default graph is their union · "
        "read-only · queries stop after {timeout} s",
    },
    "q.query": {"zh": "SPARQL 1.1 查询", "en": "SPARQL 1.1 query"},
    "q.answer_as": {"zh": "结果格式", "en": "Answer as"},
    "q.as_table": {"zh": "本页表格", "en": "a table on this page"},
    "q.default_graph": {"zh": "默认图", "en": "Default graph"},
    "q.all_graphs": {"zh": "所有命名图（并集）", "en": "all graphs (union)"},
    "q.run": {"zh": "运行查询", "en": "Run query"},
    "q.download": {"zh": "下载结果：", "en": "Download the answer:"},
    "q.answer": {"zh": "结果", "en": "Answer"},
    "q.rows": {"zh": "行", "en": "rows"},
    "q.row": {"zh": "行", "en": "row"},
    "q.yes": {"zh": "是（true）", "en": "yes (true)"},
    "q.no": {"zh": "否（false）", "en": "no (false)"},
    "q.examples": {"zh": "示例查询", "en": "Example queries"},
    "q.load": {"zh": "载入", "en": "load"},
    "q.run_example": {"zh": "运行", "en": "run"},
    "q.other_ways": {"zh": "其他访问方式", "en": "Other ways in"},
    "q.this_endpoint": {"zh": "本端点", "en": "This endpoint"},
    "q.graph_store": {"zh": "图存储", "en": "Graph Store"},
    "q.prefixes": {"zh": "前缀", "en": "Prefixes"},
    "q.prefixes_text": {
        "zh": "每个查询均已声明（查询自身的 PREFIX 优先）：",
        "en": "Declared for every query (a query's own PREFIX wins):",
    },
    "q.limits": {"zh": "限制", "en": "Limits"},
    # --- downloads ---
    "downloads.title": {"zh": "下载", "en": "Downloads"},
    "downloads.lead": {
        "zh": "整个数据集的转储文件，由同一次构建生成；两次相同输入的构建逐字节一致。"
        "下载后可用 sha256sum -c SHA256SUMS 校验。",
        "en": "Dumps of the whole dataset, written by the same build; two builds of the same "
        "input are byte-identical. Check a download with sha256sum -c SHA256SUMS.",
    },
    "downloads.file": {"zh": "文件", "en": "File"},
    "downloads.format": {"zh": "格式", "en": "Format"},
    "downloads.size": {"zh": "大小", "en": "Size"},
    "downloads.graphs": {"zh": "命名图", "en": "Named graphs"},
    "downloads.graphs_kept": {"zh": "保留命名图", "en": "kept"},
    "downloads.graphs_union": {"zh": "合并为一个图", "en": "their union"},
    "downloads.skos_only": {
        "zh": "仅2022年版，纯SKOS：一个概念体系，不含2018年版、本体和VoID",
        "en": "the 2022 edition alone, plain SKOS: one concept scheme, "
        "no 2018 stub, ontology or VoID",
    },
    "downloads.stale": {
        "zh": "注意：这些文件来自另一次构建，与当前服务的数据不一致；重启服务器即可。",
        "en": "Note: these files come from another build than the data served; restart the server.",
    },
    "downloads.none": {"zh": "此服务器上没有转储文件。", "en": "This server has no dumps."},
    "downloads.other": {"zh": "其他获取方式", "en": "Other ways to get the data"},
    "downloads.default_graph": {
        "zh": "默认图（所有命名图的并集）",
        "en": "the default graph (union)",
    },
    "downloads.gsp": {"zh": "SPARQL 图存储协议", "en": "SPARQL Graph Store Protocol"},
    # --- the quality report ---
    "quality.title": {"zh": "SKOS 质量报告", "en": "SKOS quality report"},
    "quality.lead": {
        "zh": "本次构建在发布之前对图运行的检查：仿照 qSKOS 的质量检查（每项注明所检验的 "
        "qSKOS 质量问题）以及本项目的 SHACL 形状。任何一项出现违规，构建即停止，"
        "不发布任何内容。本报告与命令 {command} 的输出相同。",
        "en": "The checks this build ran on the graph before publishing it: qSKOS-style "
        "quality checks (each names the qSKOS quality issue it tests) and the project's SHACL "
        "shapes. A violation stops the build, and nothing is published. The same report as "
        "the command {command} prints.",
    },
    "quality.build": {"zh": "构建", "en": "Build"},
    "quality.built": {"zh": "构建时间", "en": "Built"},
    "quality.checked": {"zh": "检查对象", "en": "Checked"},
    "quality.concepts": {
        "zh": "{concepts} 个概念，{schemes} 个分类体系",
        "en": "{concepts} concepts in {schemes} concept schemes",
    },
    "quality.result": {"zh": "结论", "en": "Result"},
    "quality.summary": {
        "zh": "运行 {ran} 项检查，跳过 {skipped} 项：{violations} 项违规，{warnings} 项警告",
        "en": "{ran} checks run, {skipped} skipped: {violations} violations, {warnings} warnings",
    },
    "quality.conforms": {"zh": "——图符合要求。", "en": " — the graph conforms."},
    "quality.files": {"zh": "报告文件", "en": "The report as a file"},
    "quality.text": {"zh": "纯文本", "en": "plain text"},
    "quality.checks": {"zh": "各项检查", "en": "The checks"},
    "quality.check": {"zh": "检查", "en": "Check"},
    "quality.issue": {"zh": "qSKOS 质量问题 / 依据", "en": "qSKOS issue / reference"},
    "quality.status": {"zh": "结果", "en": "Result"},
    "quality.details": {"zh": "详情", "en": "Details"},
    "quality.no_findings": {"zh": "未发现问题", "en": "nothing found"},
    "quality.pass": {"zh": "通过", "en": "PASS"},
    "quality.fail": {"zh": "未通过", "en": "FAIL"},
    "quality.warn": {"zh": "警告", "en": "WARN"},
    "quality.skipped": {"zh": "跳过", "en": "SKIPPED"},
    "quality.more": {"zh": "另有 {n} 项，见 JSON。", "en": "… and {n} more in the JSON."},
    "quality.qskos": {
        "zh": "qSKOS 质量问题目录（英文）",
        "en": "qSKOS's catalogue of quality issues",
    },
    "quality.stale": {
        "zh": "注意：此报告来自另一次构建，与当前服务的数据不一致；重启服务器即可。",
        "en": "Note: this report comes from another build than the data served; restart the "
        "server.",
    },
    "quality.none": {
        "zh": "此服务器上没有质量报告：它的构建早于质量报告。请重新构建。",
        "en": "This server has no quality report: its build predates the report. Build again.",
    },
    # --- the model ---
    "model.title": {"zh": "数据模型", "en": "The model"},
    "model.lead": {
        "zh": "本目录如何建模为关联数据：哪些来自官方文本，哪些是本项目添加的。"
        "模型以 SKOS 和 XKOS（统计分类的通行做法，如 ISIC 和 NACE）为基础，"
        "本项目的本体（soc:）只补充它们所缺少的部分。",
        "en": "How the catalogue is modelled as linked data: what comes from the official text, "
        "and what this project adds. The model builds on SKOS and XKOS (the practice of "
        "statistical classifications such as ISIC and NACE); the project's ontology (soc:) "
        "adds only what they lack.",
    },
    "model.diagram": {"zh": "模型图", "en": "The model at a glance"},
    "model.diagram_alt": {
        "zh": "模型图：分类体系（skos:ConceptScheme）及其四个层级；类别、重点发展领域、"
        "业务类型和业务子类型之间的上下位关系；定义、包括、不包括和政策注释；"
        "被排除的业务活动及其所属领域；指向官方原文行的来源；发布部门；被取代的2018年版。",
        "en": "Diagram of the model: the concept scheme (skos:ConceptScheme) and its four "
        "levels; categories, key domains, business types and sub-types linked by broader and "
        "narrower; definition, inclusion, exclusion and policy notes; excluded activities and "
        "where they are covered; provenance to lines of the official text; the issuing "
        "ministries; the replaced 2018 edition.",
    },
    "model.open": {"zh": "查看原尺寸图（SVG）", "en": "Open the diagram full size (SVG)"},
    "model.no_diagram": {
        "zh": "此服务器的构建中没有模型图（本体文档未生成）。",
        "en": "This server's build has no diagram (the ontology documentation was not made).",
    },
    "model.parts": {"zh": "组成部分", "en": "The parts"},
    "model.levels.title": {"zh": "层级", "en": "Levels"},
    "model.levels": {
        "zh": "2022年版是一个 skos:ConceptScheme，有四个 xkos:ClassificationLevel："
        "类别（ITO、BPO、KPO）、重点发展领域（01–20）、业务类型（如 05.01）和业务子类型"
        "（如 06.09.05）。每一项都是 skos:Concept，上下位关系 skos:broader 和 skos:narrower "
        "双向声明。",
        "en": "The 2022 edition is a skos:ConceptScheme with four xkos:ClassificationLevels: "
        "category (ITO, BPO, KPO), key domain (01–20), business type (e.g. 05.01) and business "
        "sub-type (e.g. 06.09.05). Each is a skos:Concept; skos:broader and skos:narrower are "
        "both asserted.",
    },
    "model.codes.title": {"zh": "编码", "en": "Codes"},
    "model.codes": {
        "zh": "类别和领域使用原文印出的编码。原文不给业务类型编号，05.01 这样的编码由本项目"
        '编制：skos:notation 是普通字符串（可直接按 "06.09.05" 查询），另以 '
        "soc:mintedNotation（类型为 soc:MintedCode）标明其非官方，页面上注明“非官方”。",
        "en": "Categories and domains keep the codes the text prints. The text does not number "
        "business types: codes such as 05.01 are minted by this project. Their skos:notation is "
        'a plain string (a query finds "06.09.05" as typed); soc:mintedNotation, typed '
        "soc:MintedCode, says they are ours, and the pages mark them as not official.",
    },
    "model.notes.title": {"zh": "注释", "en": "Notes"},
    "model.notes": {
        "zh": "每条注释说两遍。SKOS 工具读文本：定义和范围在 skos:definition，包括和不包括在 "
        "skos:scopeNote，政策支持在 skos:note，每种语言一个带语言标签的字面量。XKOS 的 "
        "xkos:ExplanatoryNote 资源也在，文本在 xkos:plainText 和 rdf:value 中：定义和范围用 "
        "xkos:coreContentNote，包括用 xkos:inclusionNote，不包括用 xkos:exclusionNote，"
        "政策支持用 soc:policyNote。原文只定义领域；类别和业务类型的英文定义由目录结构生成，"
        "并注明如此。下位列举以“等”结尾的概念标有 soc:nonExhaustive true。",
        "en": "Each note is said twice. SKOS tools read text: definition and scope in "
        "skos:definition, inclusions and exclusions in skos:scopeNote, policy support in "
        "skos:note, one language-tagged literal per language. The XKOS xkos:ExplanatoryNote "
        "resources are there too, their text in xkos:plainText and rdf:value: "
        "xkos:coreContentNote for the definition and scope, xkos:inclusionNote, "
        "xkos:exclusionNote, and soc:policyNote for policy support. The text defines only the "
        "key domains; the English definitions of categories and business types are generated "
        "from the catalogue's structure and say so. A concept whose list ends with 等 "
        "(“etc.”) is marked soc:nonExhaustive true.",
    },
    "model.exclusions.title": {"zh": "不包括的业务", "en": "Exclusions"},
    "model.exclusions": {
        "zh": "不包括注释列出被排除的业务活动（soc:excludedActivity → soc:ExcludedActivity）；"
        "目录在别处涵盖该活动时，soc:coveredBy 指向涵盖它的概念。",
        "en": "An exclusion note lists the activities it excludes (soc:excludedActivity → "
        "soc:ExcludedActivity); where the catalogue covers one elsewhere, soc:coveredBy links "
        "it to the concept that does.",
    },
    "model.provenance.title": {"zh": "来源", "en": "Provenance"},
    "model.provenance": {
        "zh": "每个概念和注释都注明出自官方原文的哪几行（prov:wasDerivedFrom → "
        "soc:SourceExcerpt，IRI 形如 …/2022/source#line=a,b）。本版本由四个部门"
        "（dct:publisher → org:Organization）以公告（dct:source）发布，并取代2018年版"
        "（dct:replaces、xkos:supersedes）。",
        "en": "Every concept and note cites the lines of the official text it came from "
        "(prov:wasDerivedFrom → soc:SourceExcerpt, IRIs such as …/2022/source#line=a,b). The "
        "edition is issued by four ministries (dct:publisher → org:Organization) by an "
        "announcement (dct:source), and replaces the 2018 edition (dct:replaces, "
        "xkos:supersedes).",
    },
    "model.official.title": {"zh": "官方的部分", "en": "What is official"},
    "model.official": {
        "zh": "命名图 graph/official：原文所述的内容，即中文名称和注释、层级结构、发布部门和"
        "公告。这些中文字符串全部从原文解析得到，没有手工录入。",
        "en": "The named graph graph/official: what the text states, that is the Chinese names "
        "and notes, the hierarchy, the ministries and the announcement. Every Chinese string in "
        "it is parsed from the text; none is typed by hand.",
    },
    "model.ours.title": {"zh": "本项目的部分", "en": "What is ours"},
    "model.ours": {
        "zh": "graph/translation：英文名称和注释，是非官方译文（soc:official false）；"
        "graph/curation：层级、编制的编码、交叉链接和部门的详细信息；graph/ontology：soc: 本体；"
        "graph/metadata：数据集的 VoID/DCAT 描述。默认图是所有命名图的并集。",
        "en": "graph/translation: the English names and notes, an unofficial translation "
        "(soc:official false); graph/curation: the levels, minted codes, cross-links and the "
        "ministries' details; graph/ontology: the soc: ontology; graph/metadata: the dataset's "
        "VoID/DCAT description. The default graph is the union of them all.",
    },
    "model.more": {"zh": "进一步了解", "en": "More"},
    "model.ontology": {
        "zh": "本体文档（每个术语附一个真实示例）",
        "en": "The ontology's documentation (one real example per term)",
    },
}

#: The quality checks' titles in Chinese, by check id; the English titles are the report's own
#: (catalogue/quality/), so that the English page says exactly what ``check`` prints.
CHECK_TITLES_ZH: dict[str, str] = {
    "orphan-concepts": "每个概念都与其他概念相关联",
    "hierarchy-cycles": "没有概念是其自身的上位概念",
    "omitted-top-concepts": "每个版本都列明其顶层概念",
    "missing-top-concepts": "没有上位概念的概念是其分类体系的顶层概念",
    "top-concepts-with-broader": "顶层概念没有上位概念",
    "unidirectional-relations": "skos:broader/narrower、hasTopConcept/topConceptOf 和 related "
    "均双向声明",
    "unreachable-concepts": "每个概念都可从其分类体系的某个顶层概念到达",
    "missing-labels": "每个概念在目录的每种语言（中文、英文）中都有 skos:prefLabel",
    "one-preflabel-per-language": "每种语言至多一个 skos:prefLabel",
    "disjoint-labels": "首选标签、替代标签和隐藏标签两两不相交",
    "unique-preflabels": "同一版本中没有两个概念在同一语言中使用相同的首选标签",
    "empty-labels": "没有空标签或空白标签",
    "language-tags": "每个标签都带有格式正确的语言标记",
    "undocumented-concepts": "每个概念都有说明：自身的注释，或其层级和上位概念的说明",
    "ambiguous-notations": "一个编码只指向本版本的一个概念，一个概念只有一个编码",
    "broken-links": "数据所指向的本命名空间内的每个 IRI 都在数据中有描述",
    "undefined-vocabulary-terms": "所用的每个 SKOS、XKOS 和 soc: 术语都由其词表定义",
    "shacl": "本项目的 SHACL 形状和 XKOS 最佳实践一致性形状",
}


def message(key: str, language: str) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    return entry.get(language) or entry["en"]
