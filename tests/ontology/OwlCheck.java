// OwlCheck: what the OWL API and HermiT make of ontology files, one JSON line per file.
//
//   java -cp HermiT.jar OwlCheck.java [--catalog catalog-v001.xml] FILE...
//   (the tests compile it once with javac and run the class: tests/ontology/conftest.py)
//
// HermiT.jar is the one owlready2 ships; it bundles the OWL API (3.4), so no
// other download is needed (Java's single-file launcher compiles this file).
// For each file: imports are resolved ONLY through the catalog (a missing one
// is an error, never a download); the OWL 2 DL profile is checked on the
// imports closure; HermiT decides consistency. The axioms are fingerprinted
// so that files in different syntaxes can be compared.

import java.io.File;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.HermiT.Reasoner;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public class OwlCheck {
    public static void main(String[] args) throws Exception {
        File catalog = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--catalog")) catalog = new File(args[++i]);
            else files.add(args[i]);
        }
        for (String file : files) System.out.println(check(new File(file), catalog));
    }

    static String check(File file, File catalog) {
        StringBuilder out = new StringBuilder("{\"file\": " + quote(file.getPath()));
        try {
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            if (catalog != null) {
                NodeList uris = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(catalog).getElementsByTagName("uri");
                for (int i = 0; i < uris.getLength(); i++) {
                    Element uri = (Element) uris.item(i);
                    File target = new File(catalog.getParentFile(), uri.getAttribute("uri"));
                    manager.addIRIMapper(new SimpleIRIMapper(
                            IRI.create(uri.getAttribute("name")), IRI.create(target)));
                }
            }
            OWLOntologyLoaderConfiguration config = new OWLOntologyLoaderConfiguration()
                    .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.THROW_EXCEPTION);
            OWLOntology ontology = manager.loadOntologyFromOntologyDocument(
                    new FileDocumentSource(file), config);
            out.append(", \"ontology\": ").append(quote(String.valueOf(
                    ontology.getOntologyID().getOntologyIRI())));
            List<String> imports = new ArrayList<>();
            for (OWLOntology imported : manager.getImportsClosure(ontology)) {
                if (imported != ontology) {
                    imports.add(quote(imported.getOntologyID().getOntologyIRI() + " <- "
                            + manager.getOntologyDocumentIRI(imported)));
                }
            }
            out.append(", \"imports\": [").append(String.join(", ", imports)).append("]");
            TreeSet<String> axioms = new TreeSet<>();
            for (OWLOntology o : manager.getImportsClosure(ontology)) {
                for (OWLAxiom axiom : o.getAxioms()) axioms.add(axiom.toString());
            }
            out.append(", \"axioms\": ").append(axioms.size());
            out.append(", \"fingerprint\": ").append(quote(sha256(String.join("\n", axioms))));
            OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
            List<String> violations = new ArrayList<>();
            for (OWLProfileViolation v : report.getViolations()) violations.add(quote(v.toString()));
            out.append(", \"dl\": ").append(report.isInProfile());
            out.append(", \"violations\": [").append(String.join(", ", violations)).append("]");
            boolean consistent = new Reasoner(ontology).isConsistent();
            out.append(", \"consistent\": ").append(consistent);
        } catch (Throwable error) {
            out.append(", \"error\": ").append(quote(error.toString()));
        }
        return out.append("}").toString();
    }

    static String sha256(String text) throws Exception {
        StringBuilder hex = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-256").digest(text.getBytes("UTF-8"))) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }

    static String quote(String text) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') q.append('\\').append(c);
            else if (c < 0x20) q.append(String.format("\\u%04x", (int) c));
            else q.append(c);
        }
        return q.append('"').toString();
    }
}
