"""What to call the vocabularies' terms on a page: properties both ways round
(``dct:publisher`` reads "Publisher" forwards and "Published" backwards), and
classes. The project's own terms are named by the ontology's labels instead
(``rdfs:label`` in the index)."""

from __future__ import annotations

from server.linked_data.vocabulary import (
    DCAT,
    DCT,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SD,
    SKOS,
    SKOSMOS,
    VANN,
    VOID,
    XKOS,
)

#: property → (zh, en) forwards, and optionally (zh, en) for the inverse.
NAMES: dict[str, tuple[tuple[str, str], tuple[str, str] | None]] = {
    RDF + "type": (("类型", "Type"), None),
    SKOS + "prefLabel": (("名称", "Name"), None),
    SKOS + "altLabel": (("别名", "Also called"), None),
    SKOS + "notation": (("编码", "Code"), None),
    SKOS + "definition": (("定义", "Definition"), None),
    SKOS + "historyNote": (("历史说明", "History"), None),
    SKOS + "scopeNote": (("范围说明", "Scope"), None),
    SKOS + "inScheme": (("所属分类体系", "In scheme"), None),
    SKOS + "broader": (("上位", "Broader"), ("下位", "Narrower")),
    SKOS + "narrower": (("下位", "Narrower"), ("上位", "Broader")),
    SKOS + "topConceptOf": (("顶层概念所属", "Top concept of"), ("顶层概念", "Top concepts")),
    SKOS + "hasTopConcept": (("顶层概念", "Top concepts"), ("顶层概念所属", "Top concept of")),
    SKOS + "member": (("成员", "Members"), ("所属层级", "Level")),
    XKOS + "levels": (("层级", "Levels"), None),
    XKOS + "numberOfLevels": (("层级数", "Number of levels"), None),
    XKOS + "depth": (("深度", "Depth"), None),
    XKOS + "notationPattern": (("编码格式", "Code pattern"), None),
    XKOS + "supersedes": (("取代", "Supersedes"), ("被取代于", "Superseded by")),
    XKOS + "follows": (("前一版本", "Follows"), ("后一版本", "Followed by")),
    XKOS + "plainText": (("文本", "Text"), None),
    XKOS + "inclusionNote": (("包括", "Includes"), ("包括说明所属", "Inclusion note of")),
    XKOS + "exclusionNote": (("不包括", "Excludes"), ("排除说明所属", "Exclusion note of")),
    DCT + "title": (("标题", "Title"), None),
    DCT + "description": (("说明", "Description"), None),
    DCT + "identifier": (("文号", "Identifier"), None),
    DCT + "issued": (("发布日期", "Issued"), None),
    DCT + "created": (("创建日期", "Created"), None),
    DCT + "modified": (("修改日期", "Modified"), None),
    DCT + "publisher": (("发布单位", "Publisher"), ("发布", "Published")),
    DCT + "creator": (("制定单位", "Creator"), ("制定", "Created")),
    DCT + "source": (("来源", "Source"), ("作为来源", "Source of")),
    DCT + "references": (("引用", "Cites"), ("被引用于", "Cited by")),
    DCT + "replaces": (("取代", "Replaces"), ("被取代于", "Replaced by")),
    DCT + "isReplacedBy": (("被取代于", "Replaced by"), ("取代", "Replaces")),
    DCT + "language": (("语言", "Language"), None),
    DCT + "license": (("许可", "Licence"), None),
    DCT + "format": (("格式", "Format"), None),
    DCT + "isPartOf": (("所属", "Part of"), ("包含", "Parts")),
    SCHEMA + "startDate": (("生效日期", "In force from"), None),
    SCHEMA + "endDate": (("失效日期", "In force until"), None),
    SCHEMA + "version": (("版本", "Edition"), None),
    OWL + "deprecated": (("已废止", "Deprecated"), None),
    OWL + "versionIRI": (("版本 IRI", "Version IRI"), None),
    OWL + "versionInfo": (("版本", "Version"), None),
    OWL + "disjointWith": (("互斥", "Disjoint with"), ("互斥", "Disjoint with")),
    OWL + "equivalentClass": (("等价于", "Equivalent to"), None),
    RDFS + "label": (("标签", "Label"), None),
    RDFS + "comment": (("注释", "Comment"), None),
    RDFS + "domain": (("定义域", "Domain"), ("作为定义域", "Domain of")),
    RDFS + "range": (("值域", "Range"), ("作为值域", "Range of")),
    RDFS + "subClassOf": (("上位类", "Subclass of"), ("子类", "Subclasses")),
    RDFS + "subPropertyOf": (("上位属性", "Subproperty of"), ("子属性", "Subproperties")),
    RDFS + "isDefinedBy": (("定义于", "Defined by"), ("定义的术语", "Terms")),
    RDFS + "seeAlso": (("参见", "See also"), None),
    PROV + "wasDerivedFrom": (("出自", "Derived from"), ("派生", "Derived here")),
    PROV + "wasRevisionOf": (("修订自", "Revision of"), ("修订为", "Revised as")),
    PROV + "wasInvalidatedBy": (("废止于", "Invalidated by"), ("废止", "Invalidated")),
    FOAF + "homepage": (("网站", "Website"), None),
    FOAF + "primaryTopic": (("主题", "Primary topic"), None),
    VOID + "triples": (("三元组数", "Triples"), None),
    VOID + "subset": (("子集", "Subsets"), ("所属数据集", "Subset of")),
    VOID + "dataDump": (("数据转储", "Data dumps"), None),
    VOID + "sparqlEndpoint": (("SPARQL 端点", "SPARQL endpoint"), None),
    VOID + "uriSpace": (("IRI 空间", "IRI space"), None),
    VOID + "vocabulary": (("使用的词汇", "Vocabularies"), None),
    VOID + "exampleResource": (("示例资源", "Example resources"), None),
    VOID + "inDataset": (("所属数据集", "In dataset"), None),
    VOID + "rootResource": (("根资源", "Root resource"), ("作为根资源", "Root resource of")),
    VOID + "classPartition": (("类划分", "Class partitions"), None),
    VOID + "propertyPartition": (("属性划分", "Property partitions"), None),
    VOID + "class": (("类", "Class"), None),
    VOID + "property": (("属性", "Property"), None),
    VOID + "entities": (("实体数", "Entities"), None),
    VOID + "distinctSubjects": (("不同主语数", "Distinct subjects"), None),
    VOID + "distinctObjects": (("不同宾语数", "Distinct objects"), None),
    VOID + "classes": (("类的数量", "Classes"), None),
    VOID + "properties": (("属性的数量", "Properties"), None),
    DCAT + "distribution": (("分发", "Distributions"), None),
    DCAT + "downloadURL": (("下载地址", "Download URL"), None),
    DCAT + "mediaType": (("媒体类型", "Media type"), None),
    DCAT + "keyword": (("关键词", "Keywords"), None),
    DCAT + "version": (("版本", "Version"), None),
    DCAT + "accessService": (("访问服务", "Access service"), None),
    DCAT + "byteSize": (("字节数", "Size (bytes)"), None),
    SD + "name": (("图名", "Graph name"), None),
    SKOSMOS + "language": (("Skosmos 语言", "Skosmos languages"), None),
    VANN + "preferredNamespacePrefix": (("首选前缀", "Preferred prefix"), None),
    VANN + "preferredNamespaceUri": (("命名空间", "Namespace"), None),
}


#: class → (zh, en)
CLASSES: dict[str, tuple[str, str]] = {
    SKOS + "Concept": ("概念", "Concept"),
    SKOS + "ConceptScheme": ("分类体系", "Concept scheme"),
    XKOS + "ClassificationLevel": ("分类层级", "Classification level"),
    XKOS + "ExplanatoryNote": ("说明", "Explanatory note"),
    ORG + "Organization": ("机构", "Organization"),
    FOAF + "Organization": ("机构", "Organization"),
    FOAF + "Document": ("文件", "Document"),
    PROV + "Entity": ("实体", "Entity"),
    OWL + "Ontology": ("本体", "Ontology"),
    OWL + "Class": ("类", "Class"),
    OWL + "ObjectProperty": ("对象属性", "Object property"),
    OWL + "DatatypeProperty": ("数据属性", "Datatype property"),
    OWL + "AnnotationProperty": ("注释属性", "Annotation property"),
    OWL + "FunctionalProperty": ("函数型属性", "Functional property"),
    OWL + "Restriction": ("限制", "Restriction"),
    RDFS + "Datatype": ("数据类型", "Datatype"),
    VOID + "Dataset": ("数据集", "Dataset"),
    DCAT + "Dataset": ("数据集", "Dataset"),
    DCAT + "Distribution": ("分发", "Distribution"),
    DCAT + "DataService": ("数据服务", "Data service"),
    SD + "NamedGraph": ("命名图", "Named graph"),
    SD + "Service": ("SPARQL 服务", "SPARQL service"),
    SKOSMOS + "Vocabulary": ("Skosmos 词表", "Skosmos vocabulary"),
}


def class_name(iri: str, language: str) -> str | None:
    pair = CLASSES.get(iri)
    return None if pair is None else pair[0 if language == "zh" else 1]


def property_name(iri: str, language: str, inverse: bool = False) -> str | None:
    names = NAMES.get(iri)
    if names is None:
        return None
    pair = names[1] if inverse else names[0]
    if pair is None:
        return None
    return pair[0] if language == "zh" else pair[1]
