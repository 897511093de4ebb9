package io.citebot.answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of closed classes of things a news question asks for: countries and U.S. states ({@code places.txt}), by
 * their names, their other names ("U.K.", "Calif.") and what their people or things are called ("Syrian rebels",
 * "Californians"); professional sports teams ({@code teams.txt}), by full name and nickname ("Bills"); airlines and
 * carmakers ({@code companies.txt}). A question that asks "which country", "which state", "which team", "which
 * airline" or "which automaker" is answered by a name of that kind, so that the short
 * answer is a country (not a capital, a zoo or a prime minister), "Syrian rebels seized Damascus" counts for Syria
 * and "the Bills" for the Buffalo Bills. The longest name found wins: "New Mexico" is not Mexico, "Latin America" is
 * not the United States.
 */
final class Gazetteer {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s?$");
    private static final Pattern TRAILING_STOPS = Pattern.compile("[.,'’-]+$");

    enum Kind {
        COUNTRY(true), STATE(true), TEAM(false), AIRLINE(false), AUTOMAKER(false);

        /** Whether every name of this kind is listed: else a question of the kind may still be answered by another name. */
        final boolean complete;

        Kind(boolean complete) {
            this.complete = complete;
        }
    }

    /**
     * A place named in a sentence at {@code [start, end)}: {@code name} is its usual name, {@code text} how the
     * sentence names a country ("U.S.", "Britain"), or the usual name for a state ("S.C.") and where the sentence
     * names its people ("Syrian").
     */
    record Found(int start, int end, String name, String text) {
    }

    /** Every name, lower case, with the place it names of each kind (none: a name that holds a place's but is none). */
    private static final Map<String, Map<Kind, String>> NAMES = new HashMap<>();
    /** What people or things of a place are called, lower case ("syrian"): the place's name answers, not these. */
    private static final Set<String> PEOPLE = new HashSet<>();
    /** The most words a name has. */
    private static final int LONGEST;

    static {
        int longest = 1;
        for (String file : List.of("places.txt", "teams.txt", "companies.txt")) {
            longest = Math.max(longest, read(file));
        }
        LONGEST = longest;
    }

    /** Reads one list of names into {@link #NAMES} and {@link #PEOPLE}; returns the most words a name of it has. */
    private static int read(String file) {
        int longest = 1;
        try (InputStream in = Gazetteer.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from citebot's jar");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                String kind = line.substring(0, colon).strip();
                String[] parts = line.substring(colon + 1).split(";", -1);
                List<String> names = new ArrayList<>();
                for (int p = 0; p < parts.length; p++) {
                    for (String name : parts[p].split("\\|")) {
                        if (!name.isBlank()) {
                            names.add(name.strip());
                            if (p > 0) {
                                PEOPLE.add(name.strip().toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
                Kind k = switch (kind) {
                    case "country" -> Kind.COUNTRY;
                    case "state" -> Kind.STATE;
                    case "team" -> Kind.TEAM;
                    case "airline" -> Kind.AIRLINE;
                    case "automaker" -> Kind.AUTOMAKER;
                    case "none" -> null;
                    default -> throw new IllegalStateException(file + ": unknown kind " + kind);
                };
                String usual = k == null ? null : names.getFirst().replaceAll("\\s+State$", "");
                for (String name : names) {
                    Map<Kind, String> places = NAMES.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new EnumMap<>(Kind.class));
                    if (k != null) {
                        places.put(k, usual);
                    }
                    longest = Math.max(longest, name.split("\\s+").length);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return longest;
    }

    private static final Pattern ASKED = Pattern.compile("\\b(?:which|what)\\s+(?:(?:u\\.?s\\.?|us|american)\\s+)?"
            + "(country|nation|state)(?![\\p{L}-])", Pattern.CASE_INSENSITIVE);
    /** "Which NFL team", "what club", "which sports franchise"; a national team is a country's. */
    private static final Pattern ASKED_TEAM = Pattern.compile("\\b(?:which|what)\\s+(?:(?!national\\b)[\\p{L}.'’-]+\\s+){0,3}?"
            + "(?:team|club|franchise)s?\\b", Pattern.CASE_INSENSITIVE);
    /** "Which airline", "what carrier" (not a wireless or an aircraft carrier). */
    private static final Pattern ASKED_AIRLINE = Pattern.compile("\\b(?:which|what)\\s+(?:[\\p{L}.'’-]+\\s+){0,3}?"
            + "(?:airline|(?<!(?:wireless|mobile|phone|cellphone|cell|aircraft|mail|parcel) )carrier)s?\\b", Pattern.CASE_INSENSITIVE);
    /** "Which automaker", "what carmaker", "which car company". */
    private static final Pattern ASKED_AUTOMAKER = Pattern.compile("\\b(?:which|what)\\s+(?:[\\p{L}.'’-]+\\s+){0,3}?"
            + "(?:automaker|carmaker|car ?maker|car company|car manufacturer|auto ?maker|auto company)s?\\b", Pattern.CASE_INSENSITIVE);
    private static final Map<Kind, Pattern> ASKED_NAMES = new EnumMap<>(Map.of(Kind.TEAM, ASKED_TEAM, Kind.AIRLINE, ASKED_AIRLINE,
            Kind.AUTOMAKER, ASKED_AUTOMAKER));
    private static final Pattern ASKED_NATIONAL_TEAM = Pattern.compile("\\b(?:which|what)\\s+(?:[\\p{L}.'’-]+\\s+){0,2}?"
            + "national\\s+(?:[\\p{L}'’-]+\\s+)?(?:team|side|squad)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}'’.-]*");
    private static final Pattern STATE_OF = Pattern.compile("(?i)\\bstate of\\s+$");
    /** "The former Yugoslavia": a region where a country was, not the country a question asks about. */
    private static final Pattern FORMER = Pattern.compile("(?i)\\bformer\\s+$");

    private Gazetteer() {
    }

    /**
     * The kind of name {@code question} asks for: "which country", "what nation", "which national team", "which U.S.
     * state", "which team"; not a state of another country ("What state in Australia …?": only U.S. states are known here).
     */
    static Optional<Kind> asked(String question) {
        if (ASKED_NATIONAL_TEAM.matcher(question).find()) {
            return Optional.of(Kind.COUNTRY);
        }
        // the kind word nearest its question word decides: "which country hosted the team" asks for a country
        Kind nearest = null;
        int end = Integer.MAX_VALUE;
        for (var asked : ASKED_NAMES.entrySet()) {
            Matcher k = asked.getValue().matcher(question);
            if (k.find() && k.end() < end) {
                nearest = asked.getKey();
                end = k.end();
            }
        }
        Matcher m = ASKED.matcher(question);
        boolean place = m.find();
        if (nearest != null && (!place || end < m.end())) {
            return Optional.of(nearest);
        }
        if (!place) {
            return Optional.empty();
        }
        if (!m.group(1).equalsIgnoreCase("state")) {
            return Optional.of(Kind.COUNTRY);
        }
        Set<String> countries = named(Kind.COUNTRY, question);
        countries.remove("United States");
        return countries.isEmpty() ? Optional.of(Kind.STATE) : Optional.empty();
    }

    /** The places of {@code kind} that {@code text} names, in order; a name must start with a capital. */
    static List<Found> find(Kind kind, String text) {
        List<int[]> words = new ArrayList<>();
        Matcher w = WORD.matcher(text);
        while (w.find()) {
            words.add(new int[] {w.start(), w.end()});
        }
        List<Found> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            if (!Character.isUpperCase(text.charAt(words.get(i)[0]))) {
                i++;
                continue;
            }
            int taken = 0;
            for (int n = Math.min(LONGEST, words.size() - i); n >= 1 && taken == 0; n--) {
                int start = words.get(i)[0];
                int end = words.get(i + n - 1)[1];
                for (String form : forms(text.substring(start, end))) {
                    String key = SPACES.matcher(form.toLowerCase(Locale.ROOT)).replaceAll(" ");
                    Map<Kind, String> places = NAMES.get(key);
                    if (places == null) {
                        continue;
                    }
                    taken = n;
                    String name = places.get(kind);
                    if (name == null && kind == Kind.STATE && key.equals("washington")
                            && STATE_OF.matcher(text.substring(0, start)).find()) {
                        name = "Washington"; // "the state of Washington"; Washington alone is the capital
                    }
                    if (name != null && !FORMER.matcher(text.substring(0, start)).find()) {
                        // a country as the sentence writes it ("U.S.", "Britain"), a state by its name ("S.C.": South Carolina)
                        String written = kind != Kind.COUNTRY || PEOPLE.contains(key) ? name : SPACES.matcher(form).replaceAll(" ");
                        out.add(new Found(start, start + form.length(), name, written));
                    }
                    break;
                }
            }
            i += Math.max(1, taken);
        }
        return out;
    }

    /** The names of the places of {@code kind} that {@code text} says. */
    static Set<String> named(Kind kind, String text) {
        Set<String> names = new LinkedHashSet<>();
        find(kind, text).forEach(f -> names.add(f.name()));
        return names;
    }

    /**
     * The forms a run of words is looked up in: without a possessive, then also without the full stop or comma after
     * it ("Arabia's", "Syria.") but first with an abbreviation's own stop ("U.S.", "Calif.").
     */
    private static List<String> forms(String words) {
        String whole = POSSESSIVE.matcher(words).replaceAll("");
        String bare = POSSESSIVE.matcher(TRAILING_STOPS.matcher(whole).replaceAll("")).replaceAll("");
        return bare.equals(whole) ? List.of(whole) : List.of(whole, bare);
    }
}
