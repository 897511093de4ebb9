package io.citebot.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the refusal threshold from evidence-strength scores of questions the index can answer and of
 * questions it cannot: the threshold that maximises balanced accuracy (the mean of the answered share of the
 * answerable and the refused share of the unanswerable), the smaller on ties.
 */
public final class Calibration {

    /** One threshold's outcome. */
    public record Row(double threshold, double answeredAnswerable, double answeredAndCorrect, double refusedUnanswerable,
                      double balancedAccuracy) {
    }

    /** A scored question: its evidence strength, and whether the answer composed at threshold 0 contains the gold answer. */
    public record Scored(double confidence, boolean correct) {
    }

    private Calibration() {
    }

    public static List<Row> sweep(List<Scored> answerable, List<Double> unanswerable, double step) {
        if (answerable.isEmpty() || unanswerable.isEmpty()) {
            throw new IllegalArgumentException("calibration needs answerable and unanswerable questions");
        }
        List<Row> rows = new ArrayList<>();
        int steps = (int) Math.round(1 / step);
        for (int i = 0; i <= steps; i++) {
            double t = Math.round(i * step * 1000) / 1000.0;
            double answered = answerable.stream().filter(s -> s.confidence() >= t).count() / (double) answerable.size();
            double correct = answerable.stream().filter(s -> s.confidence() >= t && s.correct()).count() / (double) answerable.size();
            double refused = unanswerable.stream().filter(c -> c < t).count() / (double) unanswerable.size();
            rows.add(new Row(t, answered, correct, refused, (answered + refused) / 2));
        }
        return rows;
    }

    public static Row best(List<Row> rows) {
        Row best = rows.getFirst();
        for (Row r : rows) {
            if (r.balancedAccuracy() > best.balancedAccuracy() + 1e-12) {
                best = r;
            }
        }
        return best;
    }
}
