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

    private static final String MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
    private static final String MONTHS_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec";
    private static final String DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    private static final String CAP = "\\p{Lu}[\\p{L}\\p{N}'’&.-]*";
    private static final Pattern NAME = Pattern.compile("(?<![\\p{L}\\p{N}])" + CAP
            + "(?:\\s+(?:(?:of|de|del|da|di|van|von|der|la|le|al|bin|du)\\s+)?" + CAP + ")*");
    private static final Pattern DATE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:"
            + "(?:" + MONTHS + "|(?:" + MONTHS_SHORT + ")\\.?)\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?"
            + "|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:" + MONTHS + ")(?:,?\\s+\\d{4})?"
            + "|(?:" + MONTHS + ")(?:,?\\s+\\d{4})"
            + "|(?:early|mid|late)?-?\\s?(?:1[0-9]|20)\\d0s"
            + "|(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)\\s+century"
            + "|(?:1[0-9]\\d\\d|20\\d\\d)"
            + "|(?:" + DAYS + "))(?![\\p{L}\\p{N}])");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\p{N}.,])(?:"
            + "(?:[$€£]\\s?)?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?(?:\\s?(?:%|percent|per cent|million|billion|trillion|thousand|bn)(?![\\p{L}]))?"
            + "|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
            + "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|hundreds"
            + "|a dozen|dozens|a thousand|thousands)(?:\\s(?:hundred|thousand|million|billion))?(?![\\p{L}]))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("(?:1[5-9]|20)\\d\\d");
    /** "U.S.", "D.C.": the last stop belongs to the name. */
    private static final Pattern ABBREVIATION_END = Pattern.compile("(?:^|[\\s.])\\p{Lu}\\.\\p{Lu}\\.$");

    /** Capitalised words that start sentences or name times, not things. */
    private static final Set<String> NOT_NAMES = Set.of("the", "a", "an", "this", "that", "these", "those", "it", "its",
            "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "in", "on", "at", "after", "before",
            "but", "and", "or", "so", "as", "if", "when", "while", "since", "for", "from", "with", "by", "to", "of",
            "however", "meanwhile", "also", "last", "next", "earlier", "later", "now", "then", "there", "here",
            "according", "despite", "although", "though", "other", "some", "many", "most", "all", "both", "one",
            "mr", "mrs", "ms", "dr", "sir", "president", "former", "first", "today", "yesterday", "tomorrow",
            "what", "who", "which", "where", "why", "how", "yes", "no", "not", "more", "less", "still", "even",
            "during", "over", "under", "about", "instead", "because", "until", "again", "once", "every",
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");

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
        String questionLower = question.toLowerCase(Locale.ROOT);
        Set<String> focus = focus(question, analysis);
        boolean subject = asksForSubject(question);
        Set<String> kindWords = kindWords(question, analysis);
        int asked = kind == Kind.NAME ? askedRole(question) : UNKNOWN;
        // "which country", "which state": only a place of that kind answers, and not one the question names
        Optional<Places.Kind> place = kind == Kind.NAME ? Places.asked(question) : Optional.empty();
        Set<String> placesSaid = place.map(p -> Places.named(p, question)).orElse(Set.of());
        // "what percentage", "how much did it cost": only a share, or only a sum of money, answers
        Pattern unit = kind == Kind.NUMBER ? unit(question) : null;
        List<Seen> seen = new ArrayList<>();
        List<String> read = new ArrayList<>(best.subList(0, Math.min(SENTENCES, best.size())).stream().map(c -> c.sentence().text()).toList());
        read.add(question);
        Set<String> common = lowerCaseWords(read);
        for (Candidate c : best.subList(0, Math.min(SENTENCES, best.size()))) {
            if (c.score() < RELATIVE * top) {
                break;
            }
            String sentence = c.sentence().text();
            List<TextAnalysis.Token> tokens = analysis.tokens(sentence);
            if (place.isPresent()) {
                for (Places.Found f : Places.find(place.get(), sentence)) {
                    if (!placesSaid.contains(f.name())) {
                        seen.add(seen(f.text(), f.name().toLowerCase(Locale.ROOT), c, tokens, Range.of(tokens, f.start(), f.end()),
                                qTerms, weights, total, focus, subject, kindWords));
                    }
                }
                continue;
            }
            for (int[] span : spans(kind, sentence, common)) {
                String text = sentence.substring(span[0], span[1]);
                if (repeatsQuestion(kind, text, questionLower, analysis, said) || unit != null && !shows(unit, sentence, span)) {
                    continue;
                }
                // a person for "which company", a company for "who"; the U.S. for "which state"
                if (asked != UNKNOWN && span[2] != UNKNOWN && span[2] != asked
                        || asked == BEFORE_TITLE && !questionLower.contains("country") && UBIQUITOUS.contains(key(kind, text))) {
                    continue;
                }
                seen.add(seen(text, key(kind, text), c, tokens, Range.of(tokens, span[0], span[1]), qTerms, weights, total,
                        focus, subject, kindWords));
            }
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

    private static final Pattern ASKS_SHARE = Pattern.compile("\\b(what|which) (percentage|percent|share)\\b|\\bby how much\\b.*\\b(percent|percentage)\\b|\\bhow many percent");
    private static final Pattern ASKS_MONEY = Pattern.compile("\\bhow much\\b.*\\b(cost|costs|costing|paid|pay|pays|raise|raised|fined|fine"
            + "|worth|spend|spent|earn|earned|earns|money|sold|sell|bid|budget|salary|funding|fund|charge|charged|owe|owed|donate"
            + "|donated|award|awarded|compensation|settlement|bail|jackpot|prize|deal)\\b|\\bwhat (is|was) the (cost|price|value)\\b");
    /** A share: "45%", "45 percent", "45 per cent". */
    static final Pattern SHARE = Pattern.compile("\\d\\s?(%|percent\\b|per cent\\b)");
    /** A sum of money: "$19 million", "£102m", "5,000 euros". */
    static final Pattern MONEY = Pattern.compile("[$€£¥]\\s?\\d|\\d[\\d,.]*\\s?(million|billion|trillion|m|bn)?\\s?(dollars|pounds|euros|yen|yuan|rupees|lira|lire|francs|marks|pesos|rubles|roubles|won|rand|reais|shillings|dinars|riyals|kronor|kroner|crowns|pence|cents)\\b", Pattern.CASE_INSENSITIVE);

    /** What a number must show to answer {@code question}: a share, a sum of money, or (null) anything. */
    static Pattern unit(String question) {
        String asking = AnswerType.asking(question).toLowerCase(Locale.ROOT);
        if (ASKS_SHARE.matcher(asking).find()) {
            return SHARE;
        }
        return ASKS_MONEY.matcher(asking).find() ? MONEY : null;
    }

    /** Whether the number at {@code span} is of {@code unit}: a match that starts in it, its unit at most 9 characters on. */
    private static boolean shows(Pattern unit, String sentence, int[] span) {
        Matcher m = unit.matcher(sentence.substring(span[0], Math.min(sentence.length(), span[1] + 9)));
        return m.find() && m.start() < span[1] - span[0];
    }

    /** A span in a sentence, scored by the sentence, the question's terms near it and where it stands. */
    private static Seen seen(String text, String key, Candidate c, List<TextAnalysis.Token> tokens, Range range, Set<String> qTerms,
                             Map<String, Double> weights, double total, Set<String> focus, boolean subject, Set<String> kindWords) {
        double near = nearCoverage(tokens, range, qTerms, weights, total);
        double score = c.score() * (BASE + (1 - BASE) * near) * (besideFocus(tokens, range, focus, subject) ? FOCUS : 1)
                * (holdsFocus(tokens, range, kindWords) ? FOCUS * FOCUS : 1);
        return new Seen(text, key, c, score, near);
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

    /** Spans of {@code kind} in {@code sentence}, as [start, end) offsets. */
    static List<int[]> spans(Kind kind, String sentence) {
        return spans(kind, sentence, Set.of());
    }

    /**
     * @param common words seen in lower case in the passages read: such a word opening a sentence ("Talks resumed")
     *               is not a name
     */
    static List<int[]> spans(Kind kind, String sentence, Set<String> common) {
        List<int[]> out = new ArrayList<>();
        Matcher m = switch (kind) {
            case NAME -> NAME.matcher(sentence);
            case DATE -> DATE.matcher(sentence);
            case NUMBER -> NUMBER.matcher(sentence);
        };
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (kind == Kind.NAME) {
                for (int[] piece : pieces(sentence, start, end)) {
                    addName(sentence, piece[0], piece[1], piece[2], common, out);
                }
            } else if (kind == Kind.NUMBER && YEAR.matcher(m.group()).matches()) {
                continue; // a bare year is a date, not a count
            } else {
                out.add(new int[] {start, end, UNKNOWN});
            }
        }
        return out;
    }

    /** Where a name stood beside a title: after one it is a person's ("CEO Brian Niccol"), before one an organisation's or place's ("Chipotle CEO"). */
    static final int UNKNOWN = 0;
    static final int AFTER_TITLE = 1;
    static final int BEFORE_TITLE = 2;

    private static final Pattern ASKS_ORGANISATION = Pattern.compile("\\b(which|what)( [\\p{L}'’-]+){0,2} (company|companies|chain|brand"
            + "|firm|retailer|airline|carrier|network|team|club|organi[sz]ation|agency|newspaper|outlet|platform|university"
            + "|school|state|country|countries|city|nation|automaker|carmaker|bank|league|party|court|region|territory|county)\\b");
    private static final Pattern ASKS_PERSON = Pattern.compile("^(who|whom)\\b|\\b(which|what)( [\\p{L}'’-]+){0,2} (person|people|singer"
            + "|star|actor|actress|player|lawmaker|politician|leader|president|senator|governor|rapper|musician|artist|director"
            + "|coach|writer|athlete|official|ceo|executive|billionaire|celebrity|candidate|mayor|minister|quarterback|author)\\b");
    /** The country everyone in these archives writes about: never the answer to "which state, city, company …". */
    private static final Set<String> UBIQUITOUS = Set.of("u s", "us", "united states", "america", "american", "americans");

    /** UNKNOWN, or AFTER_TITLE when the question asks for a person, BEFORE_TITLE when for an organisation or place. */
    static int askedRole(String question) {
        String asking = AnswerType.asking(question).toLowerCase(Locale.ROOT);
        Matcher m = QUESTION_WORD.matcher(asking);
        String asked = m.find() ? asking.substring(m.start()) : asking;
        if (ASKS_ORGANISATION.matcher(asked).lookingAt() || ASKS_ORGANISATION.matcher(asked).find() && !ASKS_PERSON.matcher(asked).lookingAt()) {
            return BEFORE_TITLE;
        }
        return ASKS_PERSON.matcher(asked).lookingAt() ? AFTER_TITLE : UNKNOWN;
    }

    /** Titles and roles that stand before names ("Gov. Ron DeSantis", "Chipotle CEO Brian Niccol"), not in them. */
    private static final Set<String> TITLES = Set.of("gov", "governor", "rep", "representative", "sen", "senator", "dr", "ceo",
            "cfo", "coo", "chairman", "chairwoman", "chair", "president", "vice", "secretary", "judge", "justice", "longtime",
            "former", "coach", "prime", "minister", "mayor", "speaker", "chief", "king", "queen", "prince", "princess", "pope",
            "lord", "lady", "gen", "general", "lt", "col", "sgt", "capt", "rev", "attorney", "star", "singer", "actor", "actress",
            "rapper", "quarterback", "founder", "director", "commissioner", "sheriff", "officer", "agent", "detective",
            "president-elect", "pres", "generalissimo", "sunday", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday");

    /**
     * A capitalised run split where one name ends and another begins: after a possessive ("Elon Musk's | Twitter
     * Inc") and around titles ("Chipotle | CEO | Brian Niccol").
     */
    private static List<int[]> pieces(String sentence, int start, int end) {
        List<int[]> out = new ArrayList<>();
        Matcher w = Pattern.compile("\\S+").matcher(sentence.substring(0, end));
        w.region(start, end);
        int pieceStart = -1;
        int pieceEnd = -1;
        int role = UNKNOWN;
        boolean afterTitle = false;
        while (w.find()) {
            String word = w.group();
            String bare = word.replaceAll("['’]s?$", "").replaceAll("[.,]+$", "").toLowerCase(Locale.ROOT);
            if (TITLES.contains(bare)) {
                if (pieceStart >= 0) {
                    out.add(new int[] {pieceStart, pieceEnd, BEFORE_TITLE});
                }
                pieceStart = -1;
                afterTitle = true;
                continue;
            }
            if (pieceStart < 0) {
                pieceStart = w.start();
                role = afterTitle ? AFTER_TITLE : UNKNOWN;
                afterTitle = false;
            }
            pieceEnd = w.end();
            if (word.endsWith("'s") || word.endsWith("’s") || word.endsWith("'") || word.endsWith("’")) {
                out.add(new int[] {pieceStart, pieceEnd, role});
                pieceStart = -1;
            }
        }
        if (pieceStart >= 0) {
            out.add(new int[] {pieceStart, pieceEnd, role});
        }
        return out;
    }

    /** A datelined city in capitals ("WASHINGTON —"), not an acronym (BBC, NATO). */
    private static final Pattern SHOUTED = Pattern.compile("[\\p{Lu}\\s.'’-]{5,}");

    private static void addName(String sentence, int start, int end, int role, Set<String> common, List<int[]> out) {
        int[] span = trimName(sentence, start, end);
        if (span == null || SHOUTED.matcher(sentence.substring(span[0], span[1])).matches() || attributive(sentence, span)) {
            return;
        }
        String text = sentence.substring(span[0], span[1]);
        if (opensSentence(sentence, span[0]) && text.indexOf(' ') < 0 && common.contains(text.toLowerCase(Locale.ROOT))) {
            return;
        }
        out.add(new int[] {span[0], span[1], role});
    }

    /** A capitalised run without the sentence-opening and time words around it, and without a possessive. */
    private static int[] trimName(String sentence, int start, int end) {
        String text = sentence.substring(start, end);
        // trailing punctuation and possessives
        while (!text.isEmpty() && ".,'’-&".indexOf(text.charAt(text.length() - 1)) >= 0
                && !ABBREVIATION_END.matcher(text).find()) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("'s") || text.endsWith("’s")) {
            text = text.substring(0, text.length() - 2);
        }
        String[] words = text.split("\\s+");
        int from = 0;
        int to = words.length;
        while (from < to && NOT_NAMES.contains(bare(words[from]))) {
            from++;
        }
        while (to > from && NOT_NAMES.contains(bare(words[to - 1]))) {
            to--;
        }
        if (from == to) {
            return null;
        }
        int offset = start;
        for (int i = 0; i < from; i++) {
            offset = sentence.indexOf(words[i], offset) + words[i].length();
        }
        int s = sentence.indexOf(words[from], offset);
        int e = s;
        for (int i = from; i < to; i++) {
            e = sentence.indexOf(words[i], e) + words[i].length();
        }
        if (e - s < 2) {
            return null;
        }
        return new int[] {s, e};
    }

    private static final Pattern ADJECTIVE = Pattern.compile("\\p{Lu}\\p{Ll}+(ish|ese|ian|ean)|\\p{Lu}[\\p{L}]*-\\p{Ll}[\\p{L}-]*");
    private static final Pattern LOWER_NEXT = Pattern.compile("^\\s+\\p{Ll}");

    /** "Spanish troops", "Chinese-made", "Spanish-language network": a capitalised adjective, not a name. */
    private static boolean attributive(String sentence, int[] span) {
        String text = sentence.substring(span[0], span[1]);
        return text.indexOf(' ') < 0 && ADJECTIVE.matcher(text).matches()
                && (text.indexOf('-') > 0 || LOWER_NEXT.matcher(sentence.substring(span[1])).find());
    }

    private static boolean opensSentence(String sentence, int start) {
        return sentence.substring(0, start).chars().noneMatch(Character::isLetterOrDigit);
    }

    private static final Pattern LOWER_WORD = Pattern.compile("(?<![\\p{L}])\\p{Ll}+(?![\\p{L}])");

    /** Words written in lower case somewhere in {@code texts}. */
    static Set<String> lowerCaseWords(List<String> texts) {
        Set<String> words = new HashSet<>();
        for (String t : texts) {
            Matcher m = LOWER_WORD.matcher(t);
            while (m.find()) {
                words.add(m.group());
            }
        }
        return words;
    }

    private static String bare(String word) {
        return word.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
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
        String k = span.toLowerCase(Locale.ROOT).replaceAll("[’']s$", "").replaceAll("^the\\s+", "");
        if (kind == Kind.NUMBER) {
            k = k.replaceAll("(?<=\\d),(?=\\d)", "").replace("per cent", "percent").replace("%", " percent")
                    .replaceAll("\\s+", " ").strip();
        }
        return k.replaceAll("[^\\p{L}\\p{N} ]", " ").replaceAll("\\s+", " ").strip();
    }
}
