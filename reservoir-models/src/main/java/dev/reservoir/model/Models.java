package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

/**
 * The entry point of the customer-base models: fitting BG/NBD, Pareto/NBD and Gamma-Gamma by
 * maximum likelihood on customer summaries. Predictions are methods of the fitted models
 * ({@link PurchaseModel}, {@link GammaGamma}); value over a horizon is {@link Clv}, checks
 * against a holdout period are {@link Diagnostics}.
 */
public final class Models {
    /**
     * Fewer repeat buyers than this cannot pin down four parameters: the fit would be noise
     * presented as an answer.
     */
    public static final int MIN_REPEAT_BUYERS = 10;

    private Models() {
    }

    public static Fit<BgNbd> fitBgNbd(SummaryRows rows, FitOptions options) {
        checkPurchaseData(ModelKind.BG_NBD, rows);
        double[] start = {1, startAlpha(rows), 1, 3};
        return Fitter.fit(new BgNbdLikelihood(rows), start, options, p -> new BgNbd(p[0], p[1], p[2], p[3]));
    }

    public static Fit<ParetoNbd> fitParetoNbd(SummaryRows rows, FitOptions options) {
        checkPurchaseData(ModelKind.PARETO_NBD, rows);
        // α = β at the start: the hypergeometric argument |α − β|/(max + t) is 0 there.
        double alpha = startAlpha(rows);
        double[] start = {1, alpha, 1, alpha};
        return Fitter.fit(new ParetoNbdLikelihood(rows), start, options, p -> new ParetoNbd(p[0], p[1], p[2], p[3]));
    }

    public static Fit<GammaGamma> fitGammaGamma(SpendRows rows, FitOptions options) {
        if (rows.customers() < MIN_REPEAT_BUYERS) {
            throw tooFewRepeatBuyers(ModelKind.GAMMA_GAMMA, rows.customers());
        }
        double sum = 0;
        for (int i = 0; i < rows.m.length; i++) {
            sum += rows.weight[i] * rows.m[i];
        }
        double[] start = {1, 2, sum / rows.customers()};
        return Fitter.fit(new GammaGammaLikelihood(rows), start, options, p -> new GammaGamma(p[0], p[1], p[2]));
    }

    /** ln L of {@code model} over all rows: the baseline of the fitting benchmark. */
    public static double logLikelihood(PurchaseModel model, SummaryRows rows) {
        Likelihood l = model instanceof BgNbd ? new BgNbdLikelihood(rows) : new ParetoNbdLikelihood(rows);
        return l.value(model.parameters().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** ln L of {@code model} over all spend rows. */
    public static double logLikelihood(GammaGamma model, SpendRows rows) {
        return new GammaGammaLikelihood(rows).value(new double[] {model.p(), model.q(), model.gamma()});
    }

    private static void checkPurchaseData(ModelKind kind, SummaryRows rows) {
        if (rows.repeatBuyers() < MIN_REPEAT_BUYERS) {
            throw tooFewRepeatBuyers(kind, rows.repeatBuyers());
        }
    }

    private static ReservoirException tooFewRepeatBuyers(ModelKind kind, long found) {
        return new ReservoirException(ErrorCode.MODEL_UNSUPPORTED_DATA, kind.displayName(), Localizable.of(
                "only " + found + " customers bought again in the calibration period; at least " + MIN_REPEAT_BUYERS
                        + " are needed (choose a later calibration end or a longer history)",
                "校准期内只有 " + found + " 位客户复购；至少需要 " + MIN_REPEAT_BUYERS + " 位（请选更晚的校准截止日或更长的历史）"));
    }

    /** α at the start: r/α is the purchase rate, about Σx / ΣT with r = 1. */
    private static double startAlpha(SummaryRows rows) {
        double x = 0;
        double t = 0;
        for (int i = 0; i < rows.x.length; i++) {
            x += rows.weight[i] * rows.x[i];
            t += rows.weight[i] * rows.t[i];
        }
        return x > 0 && t > 0 ? Math.max(t / x, 1e-3) : 1;
    }
}
