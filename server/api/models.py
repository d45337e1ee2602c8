"""The API's query strings and answers, as pydantic models: what spectree validates and
what the OpenAPI document says. Field names of the answers are the published JSON-LD
context's terms where one fits (``prefLabel``, ``notation``, ``broader`` …), so that a
JSON-LD answer is the JSON answer with that context."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Level = Literal["category", "domain", "business-type", "business-subtype"]
Category = Literal["ITO", "BPO", "KPO"]
Language = Literal["zh", "en"]

#: A query must say something: blanks only are refused (400), not answered empty.
SOMETHING = r"\S"


class Query(BaseModel):
    # An unknown parameter is a typo worth telling the caller about (400), not ignoring.
    model_config = ConfigDict(extra="forbid")


class ByIri(Query):
    iri: str = Field(
        max_length=500,
        description="The concept's IRI.",
        examples=["https://w3id.org/service-outsourcing/2022/business-type/06.09.05"],
    )


class SearchQuery(Query):
    q: str = Field(
        min_length=1,
        max_length=200,
        pattern=SOMETHING,
        description="Words, a code or pinyin.",
        examples=["人脸识别", "face recognition", "06.09", "renlian"],
    )
    level: Level | None = Field(None, description="Only concepts of this level.")
    category: Category | None = Field(None, description="Only concepts under this category.")
    limit: int = Field(20, ge=1, le=100, description="At most this many results.")


class SuggestQuery(Query):
    q: str = Field(
        min_length=1,
        max_length=200,
        pattern=SOMETHING,
        description="What has been typed so far.",
        examples=["人脸", "cloud"],
    )


class ClassifyQuery(Query):
    text: str = Field(
        min_length=1,
        max_length=2000,
        pattern=SOMETHING,
        description="A business description, in Chinese or English.",
        examples=["我们为银行开发人脸识别门禁系统", "We run payroll for other companies"],
    )


class Error(BaseModel):
    error: str = Field(description="What was wrong, for a person to read.")
    details: list[dict[str, Any]] | None = Field(
        None, description="For a query string that does not validate: each problem."
    )


class Text(BaseModel):
    """A label or note, with whether it is the official text."""

    field: str = Field(description="prefLabel, altLabel, definition, inclusionNote, …")
    language: Language
    text: str
    official: bool = Field(
        description="True for the announcement's Chinese; false for our English translation "
        "and our curated labels."
    )
    source: str | None = Field(
        None, description="The official text's lines (an IRI ending #line=a,b)."
    )


class ConceptSummary(BaseModel):
    iri: str
    notation: str
    level: Level
    prefLabel: dict[str, str] = Field(description="Chinese (official) and English (unofficial).")


class Concept(ConceptSummary):
    category: str = Field(description="The notation of its category: ITO, BPO or KPO.")
    domain: str | None = Field(description="The notation of its key domain (none for a category).")
    broader: str | None = Field(description="The IRI of the concept it is under.")
    narrower: list[str] = Field(description="The IRIs of the concepts under it, in order.")
    texts: list[Text] = Field(description="Every label and note, each marked official or not.")
    page: str = Field(description="Its page on this site.")


class Related(BaseModel):
    """A concept and the concepts in one relation to it (children, ancestors, siblings)."""

    concept: ConceptSummary
    results: list[ConceptSummary]


class LevelInfo(BaseModel):
    name: Level
    depth: int
    iri: str | None = Field(description="The xkos:ClassificationLevel, when the data has one.")
    prefLabel: dict[str, str]
    count: int = Field(description="How many concepts are at this level.")


class Scheme(BaseModel):
    iri: str
    prefLabel: dict[str, str]
    levels: list[LevelInfo]
    categories: list[ConceptSummary] = Field(description="The top concepts.")


class Levels(BaseModel):
    levels: list[LevelInfo]


class SearchHit(ConceptSummary):
    score: float
    field: str = Field(description="The text that matched: prefLabel, definition, … or notation.")
    highlight: str = Field(description="That text, HTML-escaped, the matched words in <mark>.")
    path: list[str] = Field(description="Notations from the category down to the concept.")


class SearchResults(BaseModel):
    q: str
    results: list[SearchHit]


class Suggestion(ConceptSummary):
    path: list[str]


class Suggestions(BaseModel):
    q: str
    results: list[Suggestion]


class Evidence(BaseModel):
    field: str
    concept: dict[str, str]
    language: str
    text: str
    matched: list[str]
    highlight: str
    source: str | None
    official: bool
    excludes: dict[str, str] | None = None


class Candidate(BaseModel):
    iri: str
    notation: str
    level: Level
    label: dict[str, str]
    score: float
    domain: dict[str, str] | None
    evidence: list[Evidence]


class Classification(BaseModel):
    text: str
    matched: bool = Field(description="Whether one concept is clearly the answer.")
    confidence: float
    followup: dict[str, Any] | None = Field(
        description="A question that separates the best candidates, when they are close."
    )
    results: list[Candidate]
