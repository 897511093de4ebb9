package io.citebot.retrieval;

import io.citebot.index.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps one article from filling the whole result list when other articles also match. */
public final class Diversity {

    private Diversity() {
    }

    /**
     * The first {@code k} hits in rank order, taking at most {@code maxPerArticle} from any one article while
     * others remain; passages passed over fill the list only when nothing else is left.
     */
    public static List<Hit> limitPerArticle(List<Hit> ranked, int k, int maxPerArticle) {
        List<Hit> picked = new ArrayList<>();
        List<Hit> passedOver = new ArrayList<>();
        Map<String, Integer> perArticle = new HashMap<>();
        for (Hit h : ranked) {
            if (picked.size() == k) {
                break;
            }
            int n = perArticle.getOrDefault(h.article().id(), 0);
            if (n < maxPerArticle) {
                picked.add(h);
                perArticle.put(h.article().id(), n + 1);
            } else {
                passedOver.add(h);
            }
        }
        for (Hit h : passedOver) {
            if (picked.size() == k) {
                break;
            }
            picked.add(h);
        }
        return picked;
    }

    /** Loads the hits of some keys, in their order. */
    public interface Loader {
        List<Hit> load(List<Integer> keys) throws IOException;
    }

    /**
     * {@link #limitPerArticle} over the hits of {@code keys} (ranked best first), loading them {@code k} at a time
     * and only until the first {@code k} under the cap are known: the same hits as loading every key first, but a
     * passage's stored fields are read only when the cap may reach it (usually the first {@code k} alone).
     */
    public static List<Hit> limitPerArticle(List<Integer> keys, int k, int maxPerArticle, Loader loader) throws IOException {
        List<Hit> loaded = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += Math.max(1, k)) {
            loaded.addAll(loader.load(keys.subList(from, Math.min(keys.size(), from + Math.max(1, k)))));
            List<Hit> picked = limitPerArticle(loaded, k, maxPerArticle);
            if (picked.size() == k && underCap(picked, maxPerArticle)) {
                return picked;
            }
        }
        return limitPerArticle(loaded, k, maxPerArticle);
    }

    private static boolean underCap(List<Hit> hits, int maxPerArticle) {
        Map<String, Integer> perArticle = new HashMap<>();
        for (Hit h : hits) {
            if (perArticle.merge(h.article().id(), 1, Integer::sum) > maxPerArticle) {
                return false;
            }
        }
        return true;
    }

    /** The best hit of each article, in rank order, at most {@code k}: results at article level. */
    public static List<Hit> bestPerArticle(List<Hit> ranked, int k) {
        Map<String, Hit> best = new LinkedHashMap<>();
        for (Hit h : ranked) {
            best.putIfAbsent(h.article().id(), h);
        }
        return best.values().stream().limit(k).toList();
    }

    /** The per-article cap used for a list of {@code k}: two of five, three of eight. */
    public static int capFor(int k) {
        return Math.max(2, (k + 2) / 3);
    }
}
