package org.corridor.parse.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.corridor.canonical.DocumentKind;
import org.corridor.canonical.Party;
import org.corridor.canonical.PartyId;
import org.corridor.canonical.ShippingDocument;
import org.corridor.canonical.Vessel;
import org.corridor.detect.Detection;
import org.corridor.parse.DocumentParser;
import org.corridor.parse.PackingListRules;
import org.corridor.parse.ParsedMessage;
import org.corridor.problem.ErrorCode;
import org.corridor.problem.Location;
import org.corridor.problem.RejectedException;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Reads the carrier OCEANCAR's e-B/L export ({@code urn:corridor:oceancar:ebl:1}, schema
 * {@code schemas/oceancar-ebl-1.xsd}, guide docs/mig/bill-of-lading-xml.md) into one BILL_OF_LADING.
 *
 * <p>XML from outside is hostile until proven otherwise: a DTD can make a parser read local files (XXE) or expand a
 * few hundred bytes into gigabytes ("billion laughs"). So a file larger than {@link #MAX_BYTES} is refused unread, a
 * file that declares a DTD is refused before any parser processes it, and the one parser that reads the document has
 * DTDs disallowed, external entities off, secure processing on and no external access, as has the schema validator.
 * Structure is checked by the XSD (with line, column and element); dates, UN/LOCODEs and container numbers here, so
 * their faults get a specific reason.
 */
public final class BillOfLadingXmlParser implements DocumentParser {

    /** Namespace of version 1 of the export. */
    public static final String NAMESPACE = "urn:corridor:oceancar:ebl:1";
    /** Message type in {@code source.messageType}. */
    public static final String MESSAGE_TYPE = "OCEANCAR-EBL";
    /** A bill of lading is a few KB; 10 MB leaves room for thousands of cargo items and refuses XML bombs unread. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    static final String VERSION = "1";
    static final String SCHEMA_RESOURCE = "/schemas/oceancar-ebl-1.xsd";

    private static final String ROOT = "TransportDocument";
    private static final Pattern FIRST_ELEMENT = Pattern.compile("<([A-Za-z_][\\w.-]*:)?([A-Za-z_][\\w.-]*)");
    private static final Pattern UN_LOCODE = Pattern.compile("[A-Z]{2}[A-Z2-9]{3}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SCHEMA_UNEXPECTED =
            Pattern.compile("cvc-complex-type\\.2\\.4\\.a: .*?element '(.+?)'\\. One of '(.+?)' is expected\\.");
    private static final Pattern SCHEMA_INCOMPLETE = Pattern.compile(
            "cvc-complex-type\\.2\\.4\\.b: The content of element '(.+?)' is not complete\\. One of '(.+?)' is"
                    + " expected\\.");
    private static final Pattern SCHEMA_NOT_EXPECTED = Pattern.compile(
            "cvc-complex-type\\.2\\.4\\.d: .*?element '(.+?)'\\. No child element is expected at this point\\.");
    private static final Pattern DECLARED_ENCODING = Pattern.compile("encoding\\s*=\\s*([\"'])(.*?)\\1");
    private static final Pattern QUALIFIED = Pattern.compile("\\{?\"[^\"]*\":([\\w.-]+)\\}?");

    private final Schema schema;

    public BillOfLadingXmlParser() {
        this.schema = loadSchema();
    }

    /** XML whose first element is {@code TransportDocument}, whatever its prefix. */
    @Override
    public Optional<Detection> recognise(Detection format, String head) {
        if (!Detection.XML.equals(format.format())) {
            return Optional.empty();
        }
        Matcher m = FIRST_ELEMENT.matcher(head);
        return m.find() && ROOT.equals(m.group(2))
                ? Optional.of(new Detection(Detection.XML, MESSAGE_TYPE, VERSION))
                : Optional.empty();
    }

    @Override
    public boolean accepts(Detection detection) {
        return Detection.XML.equals(detection.format()) && MESSAGE_TYPE.equals(detection.messageType());
    }

    @Override
    public String version(Detection detection) {
        return VERSION;
    }

    @Override
    public List<ParsedMessage> parse(byte[] content, Detection detection) {
        if (content.length > MAX_BYTES) {
            throw new RejectedException(
                    ErrorCode.XML_TOO_LARGE,
                    Location.NONE,
                    "The file has " + content.length + " bytes; Corridor reads XML bills of lading up to "
                            + MAX_BYTES + " bytes (10 MB). A bill of lading is normally a few KB: check that the"
                            + " right file was sent.");
        }
        refuseDtd(content);
        Element root = read(content);
        return List.of(map(root));
    }

    /**
     * Looks at the prolog only, with a reader that neither loads nor expands anything, and refuses a DOCTYPE where it
     * stands: the internal subset of an XXE or billion-laughs file is declarations, harmless until something expands
     * them, and nothing here does.
     */
    private static void refuseDtd(byte[] content) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_DTD);
        trySet(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(content));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw dtdRefusedAtDeclaration(content);
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    return;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            // not well-formed in the prolog: the full parse below says where, and its parser refuses DTDs as well.
            // (The JDK's StAX reader can fail on its own error message, a MissingResourceException, while skipping a
            // malformed DTD: a DOCTYPE is refused all the same.)
            if (new String(content, StandardCharsets.ISO_8859_1).contains("<!DOCTYPE")) {
                throw dtdRefusedAtDeclaration(content);
            }
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was opened beyond the byte array
                }
            }
        }
    }

    /** The refusal placed where {@code <!DOCTYPE} starts, which is where a clerk looks, not where it ends. */
    private static RejectedException dtdRefusedAtDeclaration(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        int at = Math.max(0, text.indexOf("<!DOCTYPE"));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return dtdRefused(line, at - lineStart + 1);
    }

    private static void trySet(XMLInputFactory factory, String property) {
        try {
            factory.setProperty(property, "");
        } catch (IllegalArgumentException ignored) {
            // a StAX implementation without JAXP 1.5 properties also has no external access to restrict
        }
    }

    private static RejectedException dtdRefused(int line, int column) {
        return new RejectedException(
                ErrorCode.XML_DTD_REFUSED,
                new Location(line, column, "DOCTYPE", null, null),
                "This XML file declares a DTD or entities (<!DOCTYPE ...>); Corridor refuses them for safety and"
                        + " reads nothing they declare. Send the bill of lading without a DOCTYPE declaration.");
    }

    private Element read(byte[] content) {
        TreeBuilder tree = new TreeBuilder();
        try {
            XMLReader reader = hardenedReader();
            ValidatorHandler validator = schema.newValidatorHandler();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new Refuser(tree, true));
            tree.validator = validator;
            reader.setContentHandler(tree);
            reader.setErrorHandler(new Refuser(tree, false));
            reader.parse(new InputSource(new ByteArrayInputStream(content)));
        } catch (Refusal e) {
            throw e.rejection;
        } catch (SAXException e) {
            if (e.getException() instanceof Refusal refusal) {
                throw refusal.rejection;
            }
            // an error of the parser itself ("Scanner State 24 not Recognized") has no place: where it stood has
            throw new RejectedException(
                    ErrorCode.XML_MALFORMED,
                    tree.lastPlace(),
                    "The XML could not be read on from here (the parser says: " + e.getMessage() + "). Check that"
                            + " the file is well-formed XML, with nothing but elements and text inside the root.");
        } catch (UnsupportedEncodingException e) {
            throw unreadableEncoding(content);
        } catch (IOException e) {
            // the bytes are in memory: only their decoding can fail
            throw new RejectedException(
                    ErrorCode.BAD_ENCODING,
                    Location.line(1),
                    "The XML text cannot be decoded" + " in the encoding it declares (" + e.getMessage()
                            + "). Save it as UTF-8 and send it again.");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser lacks a safety feature Corridor requires", e);
        }
        return tree.root;
    }

    /**
     * The XML declaration names an encoding the JDK does not know ({@code encoding="bogus"}): refused where the
     * declaration names it.
     */
    private static RejectedException unreadableEncoding(byte[] content) {
        String text = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED_ENCODING.matcher(text);
        boolean found = declared.find();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; found && i < declared.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String name = found ? declared.group(2) : "?";
        return new RejectedException(
                ErrorCode.BAD_ENCODING,
                new Location(line, found ? declared.start() - lineStart + 1 : null, "encoding", null, null),
                "The XML declaration names the encoding \""
                        + (name.length() > 40 ? name.substring(0, 40) + "..." : name)
                        + "\", which Corridor cannot read. Declare encoding=\"UTF-8\" and send the file"
                        + " as UTF-8.");
    }

    private static XMLReader hardenedReader() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        XMLReader reader = factory.newSAXParser().getXMLReader();
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // entity expansion limits of secure processing, stated so a changed JDK default cannot loosen them
        setIfKnown(reader, "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", "1000");
        // messages in English whatever the server's locale: they go to partners and into the guide
        setIfKnown(reader, "http://apache.org/xml/properties/locale", Locale.ENGLISH);
        return reader;
    }

    private static void setIfKnown(XMLReader reader, String property, Object value) {
        try {
            reader.setProperty(property, value);
        } catch (SAXNotRecognizedException | SAXNotSupportedException ignored) {
            // another parser implementation: its own secure-processing defaults apply
        }
    }

    private static Schema loadSchema() {
        try (InputStream xsd = BillOfLadingXmlParser.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (xsd == null) {
                throw new IllegalStateException("Schema " + SCHEMA_RESOURCE + " is missing from the classpath");
            }
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(xsd, SCHEMA_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SAXException e) {
            throw new IllegalStateException("Schema " + SCHEMA_RESOURCE + " is invalid: " + e.getMessage(), e);
        }
    }

    // ---- mapping -------------------------------------------------------------------------------------------------

    private static ParsedMessage map(Element doc) {
        Element header = doc.child("Header");
        String blNo = doc.text("TransportDocumentReference");
        Party shipper = null;
        Party consignee = null;
        Party notify = null;
        for (Element p : doc.children("DocumentParty")) {
            Party party = party(p, null);
            switch (p.attribute("partyFunction")) {
                case "OS" -> shipper = shipper == null ? party : shipper;
                case "CN" -> consignee = consignee == null ? party : consignee;
                case "N1" -> notify = notify == null ? party : notify;
                default -> throw new IllegalStateException("the schema admits only OS, CN and N1");
            }
        }
        Element carrierElement = doc.child("IssuingCarrier");
        Party carrier = party(carrierElement, new PartyId("SCAC", carrierElement.text("SCAC")));
        Element transport = doc.child("Transport");
        Element v = transport.child("Vessel");
        Vessel vessel = new Vessel(v.text("VesselName"), v.text("VesselIMONumber"), v.text("VoyageNumber"));
        List<ShippingDocument.Equipment> equipment = new ArrayList<>();
        Set<String> containers = new LinkedHashSet<>();
        for (Element e : doc.children("UtilizedTransportEquipment")) {
            String containerNo = container(e.child("EquipmentReference"));
            if (!containers.add(containerNo)) {
                Element ref = e.child("EquipmentReference");
                throw new RejectedException(
                        ErrorCode.XML_SCHEMA,
                        ref.location(),
                        "Container " + containerNo + " is listed twice as utilized transport equipment; list each"
                                + " container once with all its seals.");
            }
            equipment.add(new ShippingDocument.Equipment(
                    containerNo,
                    e.text("ISOEquipmentCode"),
                    e.children("Seal").stream().map(Element::text).toList(),
                    weight(e.child("VerifiedGrossMass"))));
        }
        List<ShippingDocument.Goods> goods = new ArrayList<>();
        for (Element item : doc.children("ConsignmentItem")) {
            goods.add(goods(item, containers));
        }
        ShippingDocument body = new ShippingDocument(
                blNo,
                doc.optionalText("CarrierBookingReference"),
                blNo,
                shipper,
                consignee,
                notify,
                carrier,
                vessel,
                locode(transport.child("PortOfLoading"), "port of loading"),
                locode(transport.child("PortOfDischarge"), "port of discharge"),
                transport.optional("PlaceOfDelivery") == null
                        ? null
                        : locode(transport.child("PlaceOfDelivery"), "place of delivery"),
                date(doc.child("ShippedOnBoardDate")),
                doc.text("FreightPaymentTermCode"),
                goods,
                equipment);
        return new ParsedMessage(
                body,
                DocumentKind.BILL_OF_LADING,
                header.text("SenderID"),
                header.text("ReceiverID"),
                null,
                header.text("MessageID"));
    }

    private static Party party(Element p, PartyId first) {
        List<PartyId> ids = new ArrayList<>();
        if (first != null) {
            ids.add(first);
        }
        for (Element id : p.children("Identifier")) {
            ids.add(new PartyId(id.attribute("scheme"), id.text()));
        }
        return new Party(p.text("PartyName"), p.optionalText("CountryCode"), ids);
    }

    /**
     * One goods line per consignment item: its cargo items (one per container and lot) add up to the packages and
     * weights, and name the lots in the order they come.
     */
    private static ShippingDocument.Goods goods(Element item, Set<String> containers) {
        int packages = 0;
        String packageKind = null;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal net = BigDecimal.ZERO;
        Set<String> lots = new LinkedHashSet<>();
        for (Element cargo : item.children("CargoItem")) {
            Element ref = cargo.child("EquipmentReference");
            String containerNo = container(ref);
            if (!containers.isEmpty() && !containers.contains(containerNo)) {
                throw new RejectedException(
                        ErrorCode.XML_SCHEMA,
                        ref.location(),
                        "The cargo item is stowed in container " + containerNo + ", which is not among the utilized"
                                + " transport equipment of this bill of lading (" + String.join(", ", containers)
                                + ").");
            }
            packages = count(cargo.child("PackageCount"), packages);
            String kind = cargo.text("PackageCode");
            if (packageKind != null && !packageKind.equals(kind)) {
                Element code = cargo.child("PackageCode");
                throw new RejectedException(
                        ErrorCode.XML_SCHEMA,
                        code.location(),
                        "The cargo items of one consignment item must share one package code; this one has "
                                + packageKind + " and " + kind + ". Send goods in different packaging as separate"
                                + " consignment items.");
            }
            packageKind = kind;
            gross = gross.add(weight(cargo.child("GrossWeight")));
            net = net.add(weight(cargo.child("NetWeight")));
            String lot = cargo.optionalText("LotNumber");
            if (lot != null) {
                lots.add(lot);
            }
        }
        return new ShippingDocument.Goods(
                count(item.child("ItemNumber"), 0),
                item.text("DescriptionOfGoods"),
                item.text("HSCode").replace(".", ""),
                packages,
                packageKind,
                gross,
                net,
                List.copyOf(lots));
    }

    /**
     * A whole number the schema accepted ({@code xs:positiveInteger} has no upper bound) added to {@code sum}; more
     * than a million is no package count or item number of a real bill of lading, and would overflow.
     */
    private static int count(Element e, int sum) {
        String v = e.text().strip();
        String digits = (v.startsWith("+") ? v.substring(1) : v).replaceFirst("^0+(?=.)", "");
        long value = digits.length() > 7 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (value > 1_000_000 || sum + value > 1_000_000) {
            throw new RejectedException(
                    ErrorCode.XML_SCHEMA,
                    e.location(),
                    "\"" + (v.length() > 20 ? v.substring(0, 20) + "..." : v)
                            + "\" is larger than Corridor reads here (up to 1,000,000"
                            + (sum > 0 ? " packages in one consignment item" : "") + "). Check the number.");
        }
        return (int) (sum + value);
    }

    /** The longest weight read: kilograms to the gram of any ship's cargo fit in far fewer characters. */
    private static final int MAX_WEIGHT_CHARS = 40;

    private static BigDecimal weight(Element e) {
        // the schema has checked xs:decimal; BigDecimal keeps the decimals as written
        String v = e.text();
        if (v.length() > MAX_WEIGHT_CHARS) {
            throw new RejectedException(
                    ErrorCode.XML_SCHEMA,
                    e.location(),
                    "\"" + v.substring(0, 20) + "...\" (" + v.length() + " characters) is longer than a weight Corridor"
                            + " reads (up to " + MAX_WEIGHT_CHARS + " characters). Check the number.");
        }
        return new BigDecimal(v.startsWith("+") ? v.substring(1) : v);
    }

    private static String container(Element e) {
        String containerNo = e.text();
        String problem = PackingListRules.containerProblem(containerNo);
        if (problem != null) {
            throw new RejectedException(ErrorCode.CONTAINER_CHECK_DIGIT, e.location(), problem);
        }
        return containerNo;
    }

    private static String locode(Element e, String what) {
        String code = e.text();
        if (!UN_LOCODE.matcher(code).matches()) {
            throw new RejectedException(
                    ErrorCode.XML_CODE,
                    e.location(),
                    "\"" + code + "\" is not a UN/LOCODE for the " + what + ". Write the 5-character code: 2"
                            + " letters of the country and 3 of the place, for example PKBQM (Port Qasim) or USHOU"
                            + " (Houston).");
        }
        return code;
    }

    private static LocalDate date(Element e) {
        String v = e.text();
        try {
            if (ISO_DATE.matcher(v).matches()) {
                return LocalDate.parse(v);
            }
        } catch (DateTimeParseException ignored) {
            // a date in the right form that is not in the calendar: the same reason as a wrong form
        }
        throw new RejectedException(
                ErrorCode.XML_DATE,
                e.location(),
                "\"" + v + "\" is not a valid date. Write a real calendar date as YYYY-MM-DD, for example"
                        + " 2025-10-12.");
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    /** An element of the document as far as mapping needs it: text, attributes, children, and where it starts. */
    private static final class Element {
        private final String name;
        private final String path;
        private final int line;
        private final int column;
        private final java.util.Map<String, String> attributes = new java.util.HashMap<>();
        private final List<Element> children = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();

        Element(String name, String path, int line, int column) {
            this.name = name;
            this.path = path;
            this.line = line;
            this.column = column;
        }

        Location location() {
            return new Location(line, column, path, null, null);
        }

        String text() {
            return text.toString().strip();
        }

        String attribute(String attribute) {
            return attributes.get(attribute);
        }

        List<Element> children(String child) {
            return children.stream().filter(c -> c.name.equals(child)).toList();
        }

        Element optional(String child) {
            return children.stream()
                    .filter(c -> c.name.equals(child))
                    .findFirst()
                    .orElse(null);
        }

        /** A child the schema requires. */
        Element child(String child) {
            Element e = optional(child);
            if (e == null) {
                throw new IllegalStateException("the schema requires " + path + "/" + child);
            }
            return e;
        }

        String text(String child) {
            return child(child).text();
        }

        String optionalText(String child) {
            Element e = optional(child);
            return e == null || e.text().isEmpty() ? null : e.text();
        }
    }

    /**
     * Builds the element tree, keeps the path of the element being read (so a schema fault can name it) and passes
     * every event on to the schema validator.
     */
    private static final class TreeBuilder implements ContentHandler {
        ValidatorHandler validator;
        Element root;
        private final Deque<Element> open = new ArrayDeque<>();
        private Locator locator;

        String path() {
            return open.isEmpty() ? null : open.peek().path;
        }

        /** Where the parser stood last (line and column), or the first line before it started. */
        Location lastPlace() {
            return locator == null || locator.getLineNumber() < 1
                    ? Location.line(1)
                    : new Location(
                            locator.getLineNumber(),
                            locator.getColumnNumber() > 0 ? locator.getColumnNumber() : null,
                            null,
                            null,
                            null);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            validator.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            validator.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            validator.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            validator.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            validator.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            String path = (open.isEmpty() ? "" : open.peek().path) + "/" + localName;
            Element e = new Element(localName, path, locator.getLineNumber(), locator.getColumnNumber());
            for (int i = 0; i < atts.getLength(); i++) {
                e.attributes.put(atts.getLocalName(i), atts.getValue(i));
            }
            if (open.isEmpty()) {
                root = e;
            } else {
                open.peek().children.add(e);
            }
            open.push(e);
            validator.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            validator.endElement(uri, localName, qName);
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (!open.isEmpty()) {
                open.peek().text.append(ch, start, length);
            }
            validator.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            validator.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            validator.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            validator.skippedEntity(name);
        }
    }

    /** Carries a rejection through the SAX parser, which only lets SAXExceptions out of its handlers. */
    private static final class Refusal extends SAXException {
        private static final long serialVersionUID = 1L;
        private final transient RejectedException rejection;

        Refusal(RejectedException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }
    }

    /** Turns the first parser or schema fault into a rejection; nothing is read past it. */
    private static final class Refuser implements ErrorHandler {
        private final TreeBuilder tree;
        private final boolean schema;

        Refuser(TreeBuilder tree, boolean schema) {
            this.tree = tree;
            this.schema = schema;
        }

        @Override
        public void warning(SAXParseException e) {
            // warnings do not make a document wrong
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw refusal(e);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw refusal(e);
        }

        private Refusal refusal(SAXParseException e) {
            Integer line = e.getLineNumber() > 0 ? e.getLineNumber() : null;
            Integer column = e.getColumnNumber() > 0 ? e.getColumnNumber() : null;
            String message = String.valueOf(e.getMessage());
            if (!schema && message.contains("DOCTYPE")) {
                return new Refusal(dtdRefused(line == null ? 1 : line, column == null ? 1 : column));
            }
            if (!schema) {
                return new Refusal(new RejectedException(
                        ErrorCode.XML_MALFORMED,
                        new Location(line, column, tree.path(), null, null),
                        "The file is not well-formed XML, so it cannot be read: " + message
                                + " Check the file is complete and every tag is closed in order."));
            }
            return new Refusal(new RejectedException(
                    ErrorCode.XML_SCHEMA, new Location(line, column, tree.path(), null, null), schemaMessage(message)));
        }
    }

    /** The validator's wording, with namespaces removed and the common cases said the way a clerk would. */
    static String schemaMessage(String raw) {
        Matcher m = SCHEMA_UNEXPECTED.matcher(raw);
        if (m.matches()) {
            return "The element " + local(m.group(1)) + " is not expected here; the OCEANCAR e-B/L schema requires "
                    + local(m.group(2)) + " at this point. An element may be missing or out of order.";
        }
        m = SCHEMA_INCOMPLETE.matcher(raw);
        if (m.matches()) {
            return "The element " + local(m.group(1)) + " is incomplete: the OCEANCAR e-B/L schema requires "
                    + local(m.group(2)) + " before it ends.";
        }
        m = SCHEMA_NOT_EXPECTED.matcher(raw);
        if (m.matches()) {
            return "The element " + local(m.group(1)) + " is not expected here: the OCEANCAR e-B/L schema allows no"
                    + " further element at this point.";
        }
        return "The document does not follow the OCEANCAR e-B/L schema: "
                + local(raw.replaceFirst("^cvc-[\\w.-]+: ", ""));
    }

    private static String local(String qualified) {
        return QUALIFIED.matcher(qualified).replaceAll("$1");
    }
}
