<?php
/*
 * Renders the SPARQL queries Skosmos sends when a user browses our vocabulary, by running
 * Skosmos' own code (GenericSparql, ConceptSearchParameters, Request) over the real EasyRdf
 * client, whose HTTP layer is replaced by a recorder: each .rq file is the exact text
 * EasyRdf would put on the wire (PREFIX lines included), with the method and Accept header.
 *
 *   php render_queries.php SKOSMOS_DIR SKOSMOS_COMMIT EASYRDF_LIB EASYRDF_VERSION OUT_DIR
 *
 * SKOSMOS_DIR holds Skosmos' src/ (git archive of NatLibFi/Skosmos), EASYRDF_LIB the lib/
 * folder of sweetrdf/easyrdf at the version Skosmos' composer.json pins. See README.md.
 *
 * Only Skosmos' Model, Vocabulary and VocabularyConfig are stood in for (they need Skosmos'
 * composer dependencies); the stand-ins answer what our vocabulary's configuration would
 * (README.md shows it), and each call below passes the arguments Skosmos' Vocabulary and
 * controllers derive from that configuration.
 */

declare(strict_types=1);

[$script, $skosmosDir, $skosmosCommit, $easyrdfLib, $easyrdfVersion, $outDir] = $argv;

spl_autoload_register(function (string $class) use ($easyrdfLib): void {
    if (str_starts_with($class, 'EasyRdf\\')) {
        $path = $easyrdfLib . '/' . str_replace('\\', '/', substr($class, 8)) . '.php';
        if (is_file($path)) {
            require $path;
        }
    }
});
// Skosmos registers its namespaces (isothes, skosext, ...) when GlobalConfig.php is loaded;
// EasyRdf adds a PREFIX line for each one a query uses, so load it for its side effect.
require "$skosmosDir/src/model/DataObject.php";
require "$skosmosDir/src/model/BaseConfig.php";
require "$skosmosDir/src/model/GlobalConfig.php";
require "$skosmosDir/src/model/Request.php";
require "$skosmosDir/src/model/ConceptSearchParameters.php";
require "$skosmosDir/src/model/sparql/GenericSparql.php";

const ENDPOINT = 'http://localhost:8080/sparql';
const NS = 'https://w3id.org/service-outsourcing/';
const SCHEME = NS . '2022';

/** What EasyRdf would have sent: thrown instead of opening a socket. */
final class RecordedRequest extends Exception
{
    public function __construct(
        public readonly string $method,
        public readonly string $query,
        public readonly string $accept,
    ) {
        parent::__construct('recorded');
    }
}

final class RecordingHttpClient extends EasyRdf\Http\Client
{
    public function request($method = null)
    {
        $method = $this->getMethod();
        $encoded = $method === 'GET'
            ? parse_url($this->getUri(), PHP_URL_QUERY)
            : $this->getRawData();
        parse_str($encoded, $params);
        throw new RecordedRequest($method, $params['query'], $this->getHeader('Accept'));
    }
}

final class NullLogger
{
    public function info(string $message): void
    {
    }
}

/** Our vocabulary's configuration, as VocabularyConfig would read it from config.ttl. */
final class StandInVocabularyConfig
{
    public function searchByNotation(): bool { return true; }
    public function getArrayClassURI(): ?string { return null; }
    public function getGroupClassURI(): ?string { return null; }
    public function getShowDeprecated(): bool { return false; }
}

final class StandInVocabulary
{
    public function getId(): string { return 'so2022'; }
    public function getGraph(): ?string { return null; }
    public function getConfig(): StandInVocabularyConfig { return new StandInVocabularyConfig(); }
}

final class StandInGlobalConfig
{
    public function getSparqlTimeout(): int { return 20; }
    public function getSearchResultsSize(): int { return 20; }
}

final class StandInModel
{
    public function getLogger(): NullLogger { return new NullLogger(); }
    public function getConfig(): StandInGlobalConfig { return new StandInGlobalConfig(); }
    public function getUserAgent(): string { return 'Skosmos'; }
    public function getVocabulary(string $id): StandInVocabulary { return new StandInVocabulary(); }
    public function getVocabularies(): array { return [new StandInVocabulary()]; }
}

EasyRdf\Http::setDefaultHttpClient(new RecordingHttpClient());
$model = new StandInModel();
// Vocabulary::getSparql with no skosmos:sparqlGraph: graph null, so no GRAPH clause and no
// FROM (our endpoint's default graph is the union of the named graphs).
$sparql = new GenericSparql(ENDPOINT, null, $model);

/** The search parameters of Skosmos' vocabulary search page (WebController) or REST search. */
function searchParameters(StandInModel $model, array $query, string $lang, bool $rest): ConceptSearchParameters
{
    $request = new Request($model);
    foreach ($query as $name => $value) {
        $request->setQueryParam($name, $value);
    }
    $request->setLang($lang);
    $request->setContentLang($lang);
    $request->setVocab('so2022');
    $params = new ConceptSearchParameters($request, $model->getConfig(), $rest);
    if ($rest) {
        $params->setVocabularies([new StandInVocabulary()]);
    } else {
        $params->setUnique(true); // Model::searchConceptsAndInfo
    }
    return $params;
}

$ito = NS . '2022/category/ITO';
$domain05 = NS . '2022/domain/05';
$faceRecognition = NS . '2022/business-type/06.09.05';
$vocabs = [new StandInVocabulary()];

// name => [what Skosmos does with it, the call as written in the header, the call itself]
$cases = [
    'concept-schemes' => ['Vocabulary::getConceptSchemes (vocabulary home, default scheme)',
        "queryConceptSchemes('zh')", fn () => $sparql->queryConceptSchemes('zh')],
    'concept-scheme' => ['Vocabulary::getInfo (vocabulary information page)',
        "queryConceptScheme('" . SCHEME . "')", fn () => $sparql->queryConceptScheme(SCHEME)],
    'top-concepts-zh' => ['Vocabulary::getTopConcepts (hierarchy roots, Chinese UI)',
        "queryTopConcepts('" . SCHEME . "', 'zh', 'zh')", fn () => $sparql->queryTopConcepts(SCHEME, 'zh', 'zh')],
    'top-concepts-en' => ['Vocabulary::getTopConcepts (hierarchy roots, English UI)',
        "queryTopConcepts('" . SCHEME . "', 'en', 'zh')", fn () => $sparql->queryTopConcepts(SCHEME, 'en', 'zh')],
    'children-of-ito' => ['Vocabulary::getConceptChildren (expanding a hierarchy node)',
        "queryChildren('$ito', 'zh', 'en', ['skos:broader'])",
        fn () => $sparql->queryChildren($ito, 'zh', 'en', ['skos:broader'])],
    'parents-of-face-recognition' => ['Vocabulary::getConceptHierarchy (hierarchy opened at a concept)',
        "queryParentList('$faceRecognition', 'zh', 'en', ['skos:broader'])",
        fn () => $sparql->queryParentList($faceRecognition, 'zh', 'en', ['skos:broader'])],
    'concept-info-domain-05' => ['Vocabulary::getConceptInfo (the concept page)',
        "queryConceptInfoGraph(['$domain05'], null, [so2022])",
        fn () => $sparql->queryConceptInfoGraph([$domain05], null, $vocabs)],
    'concept-info-face-recognition' => ['Vocabulary::getConceptInfo (the concept page)',
        "queryConceptInfoGraph(['$faceRecognition'], null, [so2022])",
        fn () => $sparql->queryConceptInfoGraph([$faceRecognition], null, $vocabs)],
    'label-face-recognition' => ['Vocabulary::getConceptLabel (REST /label)',
        "queryLabel('$faceRecognition', 'zh')", fn () => $sparql->queryLabel($faceRecognition, 'zh')],
    'all-labels-face-recognition' => ['Vocabulary::getAllConceptLabels (REST /labels)',
        "queryAllConceptLabels('$faceRecognition', 'en')",
        fn () => $sparql->queryAllConceptLabels($faceRecognition, 'en')],
    'broader-of-domain-05' => ['Vocabulary::getConceptBroaders (REST /broader)',
        "queryProperty('$domain05', 'skos:broader', 'zh')",
        fn () => $sparql->queryProperty($domain05, 'skos:broader', 'zh')],
    'narrower-of-domain-05' => ['Vocabulary::getConceptNarrowers (REST /narrower)',
        "queryProperty('$domain05', 'skos:narrower', 'zh')",
        fn () => $sparql->queryProperty($domain05, 'skos:narrower', 'zh')],
    'broader-transitive-of-face-recognition' => ['Vocabulary::getConceptTransitiveBroaders (breadcrumbs, REST /broaderTransitive)',
        "queryTransitiveProperty('$faceRecognition', ['skos:broader'], 'zh', 1000, false, 'zh')",
        fn () => $sparql->queryTransitiveProperty($faceRecognition, ['skos:broader'], 'zh', 1000, false, 'zh')],
    'search-label-zh' => ['vocabulary search page, Chinese UI, q=人脸 (Skosmos appends * for a prefix search)',
        "queryConcepts([so2022], [], true, ConceptSearchParameters(q='人脸', lang 'zh'))",
        fn () => $sparql->queryConcepts($vocabs, [], true, searchParameters($model, ['q' => '人脸'], 'zh', false))],
    'search-label-en' => ['vocabulary search page, English UI, q=face',
        "queryConcepts([so2022], [], true, ConceptSearchParameters(q='face', lang 'en'))",
        fn () => $sparql->queryConcepts($vocabs, [], true, searchParameters($model, ['q' => 'face'], 'en', false))],
    'search-notation' => ['REST /so2022/search?query=06.09&lang=zh (exact match, notation searchable)',
        "queryConcepts([so2022], [], false, ConceptSearchParameters(query='06.09', lang='zh', rest))",
        fn () => $sparql->queryConcepts($vocabs, [], false,
            searchParameters($model, ['query' => '06.09', 'lang' => 'zh', 'vocab' => 'so2022'], 'zh', true))],
    'count-concepts' => ['Vocabulary::getStatistics (vocabulary information page: concept counts)',
        "countConcepts('zh', null, null)", fn () => $sparql->countConcepts('zh', null, null)],
    'count-labels-by-language' => ['Vocabulary::getLabelStatistics (vocabulary information page: terms per language)',
        "countLangConcepts(['zh', 'en'], [])", fn () => $sparql->countLangConcepts(['zh', 'en'], [])],
    'types' => ['Model::getTypes (the type filter of the search form)',
        "queryTypes('zh')", fn () => $sparql->queryTypes('zh')],
    'first-characters-en' => ['Vocabulary::getAlphabet (the alphabetical index, English)',
        "queryFirstCharacters('en', [])", fn () => $sparql->queryFirstCharacters('en', [])],
    'alphabetical-f-en' => ['Vocabulary::searchConceptsAlphabetical (alphabetical index, letter F)',
        "queryConceptsAlphabetical('F', 'en', 250, 0, [], false, null)",
        fn () => $sparql->queryConceptsAlphabetical('F', 'en', 250, 0, [], false, null)],
];

if (!is_dir($outDir)) {
    mkdir($outDir, 0777, true);
}
foreach ($cases as $name => [$purpose, $call, $run]) {
    try {
        $run();
        fwrite(STDERR, "$name: no request was made\n");
        exit(1);
    } catch (RecordedRequest $sent) {
        $header = "# Skosmos {$skosmosCommit} src/model/sparql/GenericSparql.php\n"
            . "# GenericSparql::{$call}\n"
            . "# for: {$purpose}\n"
            . "# endpoint " . ENDPOINT . ", no named graph; EasyRdf {$easyrdfVersion} sends it as below\n"
            . "# method: {$sent->method}\n"
            . "# accept: {$sent->accept}\n";
        file_put_contents("$outDir/$name.rq", $header . $sent->query);
    }
}
