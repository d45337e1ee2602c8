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
}


def message(key: str, language: str) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    return entry.get(language) or entry["en"]
