package io.citebot.answer;

import io.citebot.index.TextAnalysis;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The short answer to a question that asks for a name, a place, a date or a number: "Barry Bonds" before the
 * sentences that say it. Candidates are the spans of the asked kind in the best sentences of the retrieved
 * passages, leaving out what the question already says. A span is scored by its sentence's score times how much
 * of the question stands <em>near</em> it (the asked fact sits beside the words that ask for it: "73 home runs",
 * not "Aaron Judge" three clauses earlier), then by <em>agreement</em>: the same span in other, independent
 * reports (another outlet, or another article when outlets are unknown) adds to it, so a fact two sources state
 * beats one that a single sentence suggests. A surname counts for the full name it belongs to. No span of the
 * asked kind near the question's words: no short answer, and the sentences answer alone.
 */
final class ShortAnswers {

    enum Kind { NAME, DATE, NUMBER }

    /** The short answer and the sentences that support it, best first, one per report. */
    record Found(String text, List<Candidate> support) {
    }

    /** Only the best sentences are read for spans: those scoring at least this share of the best. */
    static final double RELATIVE = 0.5;
    /** The most sentences read for spans. */
    static final int SENTENCES = 12;
    /** Question terms within this many terms of a span count as asking about it. */
    static final int WINDOW = 8;
    /** A span's score: its sentence's score times (BASE + (1 - BASE) * the question's coverage near it). */
    static final double BASE = 0.3;
    /** Weight of the second and third report that states the same span. */
    static final double AGREEMENT = 0.5;
    /** A span needs at least this share of the question's weighted terms near it in its best sentence. */
    static final double MIN_NEAR = 0.15;
    /**
     * A span right beside the question's first words after its question word ("Who <b>offered</b>…", "Who is the
     * <b>spokesman</b>…") stands where the answer stands: "Putin offered", "spokesman Dmitry Peskov". Its score is
     * multiplied by this.
     */
    static final double FOCUS = 1.5;
    /** Terms between a span and a focus word for the span to be beside it. */
    static final int BESIDE = 2;
    /**
     * The winning span must score this many times the next one. With the rule that it stands in the best sentence
     * read (or in two reports), measured on SQuAD (docs/benchmarks.md, "Short answers"): 0.45 of the questions got a short answer
     * at F1 0.44 without either rule; with both, 0.20 at F1 0.66.
     */
    static final double MARGIN = 1.22;
    /** The most sentences cited for a short answer. */
    static final int MAX_SUPPORT = 2;

    /** "Which insect …", "which type of drink …": things named by common nouns ("monarch butterfly"), not by names. */
    private static final Pattern THING = Pattern.compile("which( [\\p{L}'’-]+){0,2}? (insects?|species|types?|kinds?|sorts?|drinks?"
            + "|foods?|dish(es)?|animals?|plants?|words?|terms?|phrases?|materials?|elements?|colou?rs?|diseases?|drugs?|items?"
            + "|products?|ingredients?|fruits?|vegetables?|birds?|fish|breeds?|trees?|flowers?|sports?|weapons?|vehicles?)\\b");

    private static final Pattern QUESTION_WORD = Pattern.compile("\\b(who|whom|whose|when|which|what|how|where)\\b");

    private ShortAnswers() {
    }

    /** The kind of short answer {@code question} asks for, if any. */
    static Optional<Kind> kind(String question, AnswerType type) {
        switch (type) {
            case DATE:
                return Optional.of(Kind.DATE);
            case NUMBER:
                return Optional.of(Kind.NUMBER);
            case NAME:
                return Optional.of(Kind.NAME);
            default:
                break;
        }
        String asking = AnswerType.asking(question).toLowerCase(Locale.ROOT);
        Matcher m = QUESTION_WORD.matcher(asking);
        if (!m.find()) {
            return Optional.empty();
        }
        String asked = asking.substring(m.start());
        // "where": a place; "which …" in news quizzes asks for a team, a company, a country, a person
        if (asked.startsWith("where ") || asked.startsWith("which ") && !THING.matcher(asked).lookingAt()
                || asked.matches("^what (is|was|are|were) (the )?name.*") || asked.matches("^what .*\\b(called|named)\\b.*")) {
            return Optional.of(Kind.NAME);
        }
        return Optional.empty();
    }

    /**
     * The span's terms in its sentence's analysed tokens, {@code first..last}; a span the analyser leaves no term of
     * (stopwords, symbols) is the empty range between its neighbours ({@code last == first - 1}).
     */
    record Range(int first, int last) {

        static Range of(List<TextAnalysis.Token> tokens, int start, int end) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).end() > start && tokens.get(i).start() < end) {
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
            if (first >= 0) {
                return new Range(first, last);
            }
            int next = 0;
            while (next < tokens.size() && tokens.get(next).end() <= start) {
                next++;
            }
            return new Range(next, next - 1);
        }

        boolean isEmpty() {
            return last < first;
        }
    }

    /** A span found in a sentence, and its score there. */
    private record Seen(String text, String key, Candidate candidate, double score, double near) {
    }

    /**
     * @param qTerms  the question's search terms; {@code weights} their idf, {@code total} the sum of those
     * @param said    every term the question says (a span made only of these repeats the question)
     */
    static Optional<Found> find(String question, Kind kind, List<Candidate> candidates, TextAnalysis analysis,
                                Set<String> qTerms, Map<String, Double> weights, double total, Set<String> said) {
        if (candidates.isEmpty() || total <= 0) {
            return Optional.empty();
        }
        List<Candidate> best = new ArrayList<>(candidates);
        best.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::rank));
        double top = best.getFirst().score();
        Reading reading = new Reading(question, kind, analysis, qTerms, weights, total, said,
                best.subList(0, Math.min(SENTENCES, best.size())));
        // "which country", "which state", "which team", "which airline": only a name of that kind answers, and not one the question names
        Optional<Gazetteer.Kind> place = kind == Kind.NAME ? Gazetteer.asked(question) : Optional.empty();
        List<Seen> seen = reading.sightings(place, top);
        if (seen.isEmpty() && place.isPresent() && !place.get().complete) {
            // no team of the leagues listed (a college's, a school's), no airline listed: the names answer, as for any "which" question
            place = Optional.empty();
            seen = reading.sightings(place, top);
        }
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        // a surname ("Bonds") counts for the full name it belongs to ("Barry Bonds"); not so a place ("Sudan", "South Sudan")
        Map<String, String> group = new LinkedHashMap<>();
        for (Seen s : seen) {
            String into = s.key();
            for (Seen longer : seen) {
                if (place.isEmpty() && longer.key().length() > into.length() && containsWords(longer.key(), s.key())) {
                    into = longer.key();
                }
            }
            group.put(s.key(), into);
        }
        Map<String, List<Seen>> byGroup = new LinkedHashMap<>();
        for (Seen s : seen) {
            byGroup.computeIfAbsent(group.get(s.key()), k -> new ArrayList<>()).add(s);
        }
        String winner = null;
        double winnerScore = 0;
        for (var e : byGroup.entrySet()) {
            double score = agreement(e.getValue());
            if (score > winnerScore) {
                winner = e.getKey();
                winnerScore = score;
            }
        }
        List<Seen> support = perReport(byGroup.get(winner));
        if (support.getFirst().near() < MIN_NEAR) {
            return Optional.empty();
        }
        double runner = 0;
        for (var e : byGroup.entrySet()) {
            if (!e.getKey().equals(winner)) {
                runner = Math.max(runner, agreement(e.getValue()));
            }
        }
        // a bold answer that is wrong is worse than none: the span must clearly beat every other, and stand in the
        // best sentence read unless another report states it too
        if (winnerScore < MARGIN * runner || support.size() < 2 && support.getFirst().candidate().score() < top) {
            return Optional.empty();
        }
        String key = winner;
        String text = byGroup.get(winner).stream().filter(s -> s.key().equals(key)).max(Comparator.comparingDouble(Seen::score))
                .map(Seen::text).orElse(support.getFirst().text());
        return Optional.of(new Found(text, support.stream().limit(MAX_SUPPORT).map(Seen::candidate).toList()));
    }

    /** What the question asks and the sentences read for it: finds the spans that may answer, each scored. */
    private static final class Reading {
        private final String question;
        private final String questionLower;
        private final Kind kind;
        private final TextAnalysis analysis;
        private final Set<String> qTerms;
        private final Map<String, Double> weights;
        private final double total;
        private final Set<String> said;
        private final List<Candidate> read;
        private final Set<String> focus;
        private final boolean subject;
        private final Set<String> kindWords;
        private final int asked;
        /** "what percentage", "how much did it cost", "how long": only a share, a sum of money or a measure answers */
        private final Pattern unit;
        private final Set<String> common;
        /** "What year …?": only a date with a year answers, and its year is the answer. */
        private final boolean year;

        Reading(String question, Kind kind, TextAnalysis analysis, Set<String> qTerms, Map<String, Double> weights,
                double total, Set<String> said, List<Candidate> read) {
            this.question = question;
            this.questionLower = question.toLowerCase(Locale.ROOT);
            this.kind = kind;
            this.analysis = analysis;
            this.qTerms = qTerms;
            this.weights = weights;
            this.total = total;
            this.said = said;
            this.read = read;
            this.focus = focus(question, analysis);
            this.subject = asksForSubject(question);
            this.kindWords = kindWords(question, analysis);
            this.asked = kind == Kind.NAME ? askedRole(question) : Spans.UNKNOWN;
            this.unit = kind == Kind.NUMBER ? unit(question) : null;
            this.year = kind == Kind.DATE && ASKS_YEAR.matcher(AnswerType.asking(question).toLowerCase(Locale.ROOT)).find();
            List<String> texts = new ArrayList<>(read.stream().map(c -> c.sentence().text()).toList());
            texts.add(question);
            this.common = Spans.lowerCaseWords(texts);
        }

        /** The spans of the asked kind (of {@code place}'s kind when given) in the sentences scoring at least {@value ShortAnswers#RELATIVE} of {@code top}. */
        List<Seen> sightings(Optional<Gazetteer.Kind> place, double top) {
            Set<String> placesSaid = place.map(p -> Gazetteer.named(p, question)).orElse(Set.of());
            List<Seen> seen = new ArrayList<>();
            for (Candidate c : read) {
                if (c.score() < RELATIVE * top) {
                    break;
                }
                String sentence = c.sentence().text();
                List<TextAnalysis.Token> tokens = analysis.tokens(sentence);
                if (place.isPresent()) {
                    for (Gazetteer.Found f : Gazetteer.find(place.get(), sentence)) {
                        if (!placesSaid.contains(f.name())) {
                            seen.add(seen(f.text(), f.name().toLowerCase(Locale.ROOT), c, tokens, Range.of(tokens, f.start(), f.end())));
                        }
                    }
                    continue;
                }
                for (int[] span : Spans.of(kind, sentence, common)) {
                    if (measures(unit)) {
                        // "How long …?": "20 years", not "20"; a number without a unit does not answer
                        int end = measureEnd(unit, sentence, span);
                        if (end < 0) {
                            continue;
                        }
                        span = new int[] {span[0], end, span[2]};
                    }
                    if (year) {
                        // "What year did it debut?": 1995, not "Wednesday"; "in June 1995" answers 1995
                        Matcher y = YEAR_IN.matcher(sentence.substring(span[0], span[1]));
                        if (!y.find()) {
                            continue;
                        }
                        span = new int[] {span[0] + y.start(), span[0] + y.end(), span[2]};
                    }
                    String text = sentence.substring(span[0], span[1]);
                    if (repeatsQuestion(kind, text, questionLower, analysis, said)
                            || unit != null && !measures(unit) && !shows(unit, sentence, span)) {
                        continue;
                    }
                    // a person for "which company", a company for "who"; the U.S. for "which state"
                    if (asked != Spans.UNKNOWN && span[2] != Spans.UNKNOWN && span[2] != asked
                            || asked == Spans.BEFORE_TITLE && !questionLower.contains("country") && UBIQUITOUS.contains(key(kind, text))) {
                        continue;
                    }
                    seen.add(seen(text, key(kind, text), c, tokens, Range.of(tokens, span[0], span[1])));
                }
            }
            return seen;
        }

        /** A span in a sentence, scored by the sentence, the question's terms near it and where it stands. */
        private Seen seen(String text, String key, Candidate c, List<TextAnalysis.Token> tokens, Range range) {
            double near = nearCoverage(tokens, range, qTerms, weights, total);
            double score = c.score() * (BASE + (1 - BASE) * near) * (besideFocus(tokens, range, focus, subject) ? FOCUS : 1)
                    * (holdsFocus(tokens, range, kindWords) ? FOCUS * FOCUS : 1);
            return new Seen(text, key, c, score, near);
        }
    }

    private static final Pattern ASKS_YEAR = Pattern.compile("\\b(what|which) year\\b");
    private static final Pattern KEY_POSSESSIVE = Pattern.compile("[’']s$");
    private static final Pattern KEY_ARTICLE = Pattern.compile("^the\\s+");
    private static final Pattern KEY_THOUSANDS = Pattern.compile("(?<=\\d),(?=\\d)");
    private static final Pattern KEY_PUNCTUATION = Pattern.compile("[^\\p{L}\\p{N} ]");
    private static final Pattern KEY_SPACES = Pattern.compile("\\s+");
    private static final Pattern YEAR_IN = Pattern.compile("(?<!\\d)(1[0-9]|20)\\d\\d(?!\\d)");
    private static final Pattern ASKS_SHARE = Pattern.compile("\\b(what|which) (percentage|percent|share)\\b|\\bby how much\\b.*\\b(percent|percentage)\\b|\\bhow many percent");
    private static final Pattern ASKS_MONEY = Pattern.compile("\\bhow much\\b.*\\b(cost|costs|costing|paid|pay|pays|raise|raised|fined|fine"
            + "|worth|spend|spent|earn|earned|earns|money|sold|sell|bid|budget|salary|funding|fund|charge|charged|owe|owed|donate"
            + "|donated|award|awarded|compensation|settlement|bail|jackpot|prize|deal)\\b|\\bwhat (is|was) the (cost|price|value)\\b");
    /** A share: "45%", "45 percent", "45 per cent". */
    static final Pattern SHARE = Pattern.compile("\\d\\s?(%|percent\\b|per cent\\b)");
    /** A sum of money: "$19 million", "£102m", "5,000 euros". */
    static final Pattern MONEY = Pattern.compile("[$€£¥]\\s?\\d|\\d[\\d,.]*\\s?(million|billion|trillion|m|bn)?\\s?(dollars|pounds|euros|yen|yuan|rupees|lira|lire|francs|marks|pesos|rubles|roubles|won|rand|reais|shillings|dinars|riyals|kronor|kroner|crowns|pence|cents)\\b", Pattern.CASE_INSENSITIVE);

    private static final Pattern ASKS_MEASURE = Pattern.compile("\\bhow (long|far|tall|high|deep|wide|heavy|big|large)\\b(?! (ago|after|before)\\b)");
    private static final String SIZE_UNITS = "miles?|kilometres?|kilometers?|km|metres?|meters?|m|ft|feet|foot|inch(?:es)?|cm|mm|yards?"
            + "|acres?|hectares?|pounds?|lbs?|kg|kilograms?|tons?|tonnes?|stories|storeys|story|storey|floors|mph|km/h|degrees";
    private static final String MEASURE_START = "^(?:-|\\s(?:-\\s)?)(?:(?:square|cubic|nautical|light)[\\s-])?(?:";
    /**
     * A length of time or a size: a number and its unit, "20 years", "340 miles", "a 30-second ad". Matched on what
     * follows the number; the unit becomes part of the short answer. Only "how long" is answered by a time.
     */
    static final Pattern MEASURE = Pattern.compile(MEASURE_START + "years?|months?|weeks?|days?|hours?|minutes?|seconds?"
            + "|decades?|centuries|" + SIZE_UNITS + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE);
    /** A size, for how far, high, tall, deep, wide, big or heavy: not "a 30-year high". */
    static final Pattern SIZE = Pattern.compile(MEASURE_START + SIZE_UNITS + ")(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE);

    /**
     * What a number must show to answer {@code question}: a share, a sum of money, a measure (its unit then belongs
     * to the answer), or (null) anything. "How old" is answered by the bare number.
     */
    static Pattern unit(String question) {
        String asking = AnswerType.asking(question).toLowerCase(Locale.ROOT);
        if (ASKS_SHARE.matcher(asking).find()) {
            return SHARE;
        }
        if (ASKS_MONEY.matcher(asking).find()) {
            return MONEY;
        }
        Matcher m = ASKS_MEASURE.matcher(asking);
        return !m.find() ? null : m.group(1).equals("long") ? MEASURE : SIZE;
    }

    private static boolean measures(Pattern unit) {
        return unit == MEASURE || unit == SIZE;
    }

    /** Where the measure that starts with the number at {@code span} ends, or -1 when no unit follows it (a share counts). */
    private static int measureEnd(Pattern unit, String sentence, int[] span) {
        String number = sentence.substring(span[0], span[1]);
        if (number.endsWith("%") || number.endsWith("percent")) {
            return span[1];
        }
        Matcher m = unit.matcher(sentence.substring(span[1]));
        return m.find() ? span[1] + m.end() : -1;
    }

    /** Whether the number at {@code span} is of {@code unit}: a match that starts in it, its unit at most 9 characters on. */
    private static boolean shows(Pattern unit, String sentence, int[] span) {
        Matcher m = unit.matcher(sentence.substring(span[0], Math.min(sentence.length(), span[1] + 9)));
        return m.find() && m.start() < span[1] - span[0];
    }

    /** The first two search terms after the question word: the verb or noun the answer stands beside. */
    static Set<String> focus(String question, TextAnalysis analysis) {
        String asking = AnswerType.asking(question);
        Matcher m = QUESTION_WORD.matcher(asking.toLowerCase(Locale.ROOT));
        List<String> terms = analysis.queryTerms(m.find() ? asking.substring(m.end()) : asking);
        return new HashSet<>(terms.subList(0, Math.min(2, terms.size())));
    }

    private static final Pattern WHO_VERB = Pattern.compile("\\bwho\\s+(?!(is|was|are|were|has|had|have|did|does|do|will|would|can|could|should|may|might|must)\\b)\\p{L}+");

    /** "Who offered …?": the answer is the verb's subject, written before it. */
    static boolean asksForSubject(String question) {
        return WHO_VERB.matcher(AnswerType.asking(question).toLowerCase(Locale.ROOT)).find();
    }

    /**
     * Whether the span stands where the answer does: before the asked verb (its subject) for "who did …",
     * otherwise within {@value #BESIDE} terms of a focus word, on either side.
     */
    private static boolean besideFocus(List<TextAnalysis.Token> tokens, Range range, Set<String> focus, boolean subject) {
        if (range.isEmpty()) {
            return false;
        }
        int first = range.first();
        int last = range.last();
        if (subject) {
            for (int i = last + 1; i < tokens.size(); i++) {
                if (focus.contains(tokens.get(i).term())) {
                    return true;
                }
            }
            return false;
        }
        for (int i = Math.max(0, first - BESIDE); i <= Math.min(tokens.size() - 1, last + BESIDE); i++) {
            if ((i < first || i > last) && focus.contains(tokens.get(i).term())) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern WHICH_KIND = Pattern.compile("\\b(?:[Ww]hich|[Ww]hat)((?:\\s+\\p{Ll}[\\p{L}'’-]*){1,2})");

    /** "Which football team", "what university": the asked kind, in the question's lower-case words after which/what. */
    static Set<String> kindWords(String question, TextAnalysis analysis) {
        Matcher m = WHICH_KIND.matcher(AnswerType.asking(question));
        return m.find() ? new HashSet<>(analysis.queryTerms(m.group(1))) : Set.of();
    }

    /** "Which university …?" and "University of Virginia": the asked kind is part of the name. */
    private static boolean holdsFocus(List<TextAnalysis.Token> tokens, Range range, Set<String> focus) {
        for (int i = range.first(); i <= range.last(); i++) {
            if (focus.contains(tokens.get(i).term())) {
                return true;
            }
        }
        return false;
    }

    /** The best sighting of each report (outlet, or article when the outlet is unknown), best first. */
    private static List<Seen> perReport(List<Seen> sightings) {
        Map<String, Seen> best = new LinkedHashMap<>();
        for (Seen s : sightings) {
            String report = report(s.candidate());
            Seen b = best.get(report);
            if (b == null || s.score() > b.score()) {
                best.put(report, s);
            }
        }
        List<Seen> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(Seen::score).reversed());
        return out;
    }

    /** The best report's score, plus {@value #AGREEMENT} of each of the next two independent reports'. */
    private static double agreement(List<Seen> sightings) {
        List<Seen> reports = perReport(sightings);
        double score = reports.getFirst().score();
        for (int i = 1; i < Math.min(3, reports.size()); i++) {
            score += AGREEMENT * reports.get(i).score();
        }
        return score;
    }

    private static String report(Candidate c) {
        var a = c.hit().article();
        return a.source() != null && !a.source().isBlank() ? "source:" + a.source().toLowerCase(Locale.ROOT) : "article:" + a.id();
    }

    private static boolean containsWords(String longer, String shorter) {
        return (" " + longer + " ").contains(" " + shorter + " ");
    }


    private static final Pattern ASKS_ORGANISATION = Pattern.compile("\\b(which|what)( [\\p{L}'’-]+){0,2} (company|companies|chain|brand"
            + "|firm|retailer|airline|carrier|network|team|club|organi[sz]ation|agency|newspaper|outlet|platform|university"
            + "|school|state|country|countries|city|nation|automaker|carmaker|bank|league|party|court|region|territory|county)\\b");
    private static final Pattern ASKS_PERSON = Pattern.compile("^(who|whom)\\b|\\b(which|what)( [\\p{L}'’-]+){0,2} (person|people|singer"
            + "|star|actor|actress|player|lawmaker|politician|leader|president|senator|governor|rapper|musician|artist|director"
            + "|coach|writer|athlete|official|ceo|executive|billionaire|celebrity|candidate|mayor|minister|quarterback|author)\\b");
    /** The country everyone in these archives writes about: never the answer to "which state, city, company …". */
    private static final Set<String> UBIQUITOUS = Set.of("u s", "us", "united states", "america", "american", "americans");

    /** Spans.UNKNOWN, or Spans.AFTER_TITLE when the question asks for a person, Spans.BEFORE_TITLE when for an organisation or place. */
    static int askedRole(String question) {
        String asking = AnswerType.asking(question).toLowerCase(Locale.ROOT);
        Matcher m = QUESTION_WORD.matcher(asking);
        String asked = m.find() ? asking.substring(m.start()) : asking;
        if (ASKS_ORGANISATION.matcher(asked).lookingAt() || ASKS_ORGANISATION.matcher(asked).find() && !ASKS_PERSON.matcher(asked).lookingAt()) {
            return Spans.BEFORE_TITLE;
        }
        return ASKS_PERSON.matcher(asked).lookingAt() ? Spans.AFTER_TITLE : Spans.UNKNOWN;
    }

    /** The question already says it: the span's words, or all its terms, are the question's. */
    private static boolean repeatsQuestion(Kind kind, String span, String questionLower, TextAnalysis analysis, Set<String> said) {
        String lower = span.toLowerCase(Locale.ROOT);
        if (questionLower.contains(lower)) {
            return true;
        }
        if (kind != Kind.NAME) {
            return false;
        }
        List<String> terms = analysis.terms(span);
        return !terms.isEmpty() && said.containsAll(terms);
    }

    /** The idf-weighted share of the question's terms within {@value #WINDOW} terms of the span, the span's own left out. */
    private static double nearCoverage(List<TextAnalysis.Token> tokens, Range range, Set<String> qTerms,
                                       Map<String, Double> weights, double total) {
        int first = range.first();
        int last = range.last();
        Set<String> near = new HashSet<>();
        for (int i = Math.max(0, first - WINDOW); i < Math.min(tokens.size(), last + 1 + WINDOW); i++) {
            if (i < first || i > last) {
                near.add(tokens.get(i).term());
            }
        }
        double covered = 0;
        for (String t : qTerms) {
            if (near.contains(t)) {
                covered += weights.get(t);
            }
        }
        return covered / total;
    }

    /** What two sightings of the same answer share: lower case, no leading article, digits without separators. */
    static String key(Kind kind, String span) {
        String k = KEY_ARTICLE.matcher(KEY_POSSESSIVE.matcher(span.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll("");
        if (kind == Kind.NUMBER) {
            k = KEY_SPACES.matcher(KEY_THOUSANDS.matcher(k).replaceAll("").replace("per cent", "percent").replace("%", " percent"))
                    .replaceAll(" ").strip();
        }
        return KEY_SPACES.matcher(KEY_PUNCTUATION.matcher(k).replaceAll(" ")).replaceAll(" ").strip();
    }
}
