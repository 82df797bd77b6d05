package dev.reservoir.model;

import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.util.FastMath;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Maximum likelihood with Hipparchus' BOBYQA (Powell's bounded quadratic-model method): it needs
 * no derivatives and few evaluations for a handful of parameters. The search runs over the logs
 * of the parameters, which must be positive, as mean ln L per customer, so that its stopping
 * radius means the same for 2,000 customers and for a million. A fit that ends on a bound or
 * with a gradient that is not flat, or whose observed information is not positive definite, is
 * reported as not converged rather than returned.
 */
final class Fitter {
    /** Parameters are searched within [e^-18, e^18]: ending on a bound means the data cannot fix one. */
    private static final double BOUND = 18;
    /**
     * The final trust-region radius, in log-parameter units: parameters to about 5 significant
     * digits, far below their standard errors (a few per cent on CDNOW).
     */
    private static final double STOP_RADIUS = 1e-6;
    /** Largest acceptable |∂(mean ln L)/∂ ln θ| at the maximum. */
    private static final double FLAT = 1e-4;

    private Fitter() {
    }

    static <M> Fit<M> fit(Likelihood likelihood, double[] start, FitOptions options, Function<double[], M> model) {
        ModelKind kind = likelihood.kind();
        int k = start.length;
        double n = likelihood.customers();
        int[] evaluations = {0};
        ObjectiveFunction objective = new ObjectiveFunction(theta -> {
            evaluations[0]++;
            double[] p = exp(theta);
            double value = likelihood.value(p) / n - penalty(options.penalty(), p);
            // A region where the likelihood cannot be computed is as bad as it gets; a finite
            // value keeps the quadratic models of the optimiser usable.
            return Double.isFinite(value) ? -value : 1e6;
        });
        double[] lower = new double[k];
        double[] upper = new double[k];
        double[] theta = new double[k];
        for (int i = 0; i < k; i++) {
            lower[i] = -BOUND;
            upper[i] = BOUND;
            theta[i] = FastMath.log(start[i]);
        }
        PointValuePair best = null;
        // When the gradient is not flat where BOBYQA stopped, a second run from there rebuilds
        // its quadratic model, which settles fits that stopped on a stale one.
        for (int run = 0; run < 2; run++) {
            try {
                BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * k + 1, 0.5, STOP_RADIUS);
                best = optimizer.optimize(new MaxEval(Math.max(10, options.maxEvaluations() - evaluations[0])),
                        objective, GoalType.MINIMIZE, new InitialGuess(theta), new SimpleBounds(lower, upper));
            } catch (MathIllegalStateException e) {
                throw notConverged(kind, Localizable.of(
                        "no maximum within " + options.maxEvaluations() + " evaluations (" + e.getMessage() + ")",
                        options.maxEvaluations() + " 次计算内未找到最大值（" + e.getMessage() + "）"));
            }
            theta = best.getPoint();
            if (flat(likelihood, exp(theta), options.penalty(), n)) {
                break;
            }
        }
        double[] p = exp(theta);
        for (int i = 0; i < k; i++) {
            if (FastMath.abs(theta[i]) > BOUND - 1e-3) {
                String name = kind.parameterNames().get(i);
                String value = String.format(Locale.ROOT, "%.3g", p[i]);
                throw notConverged(kind, Localizable.of(
                        "parameter " + name + " ran to " + value + ": the data cannot determine it (too few customers or"
                                + " repeat purchases for this model; try an L2 penalty or another model)",
                        "参数 " + name + " 跑到了 " + value + "：数据无法确定它（客户或复购太少，不适合该模型；可尝试 L2 惩罚或换一个模型）"));
            }
        }
        double ll = likelihood.value(p);
        if (!Double.isFinite(ll)) {
            throw notConverged(kind, Localizable.of("the log-likelihood at the end is " + ll,
                    "终点处的对数似然为 " + ll));
        }
        double[] g = penalisedGradient(likelihood, p, options.penalty(), n);
        for (int i = 0; i < k; i++) {
            double slope = g[i] * p[i] / n; // ∂(mean ln L)/∂ ln θ
            if (FastMath.abs(slope) > FLAT) {
                String name = kind.parameterNames().get(i);
                String value = String.format(Locale.ROOT, "%.2g", slope);
                throw notConverged(kind, Localizable.of(
                        "the log-likelihood is still sloped in " + name + " (" + value + " per customer) where the optimiser stopped",
                        "优化器停止处对数似然在 " + name + " 方向仍有斜率（每位客户 " + value + "）"));
            }
        }
        List<Double> errors = standardErrors(likelihood, p, options.penalty(), n, kind);
        List<Double> params = new ArrayList<>();
        for (double v : p) {
            params.add(v);
        }
        return new Fit<>(model.apply(p), kind, params, errors, ll, likelihood.customers(), likelihood.rows(),
                evaluations[0], options.penalty());
    }

    private static boolean flat(Likelihood likelihood, double[] p, double lambda, double n) {
        double[] g = penalisedGradient(likelihood, p, lambda, n);
        for (int i = 0; i < g.length; i++) {
            if (!(FastMath.abs(g[i] * p[i] / n) <= FLAT)) {
                return false;
            }
        }
        return true;
    }

    private static double penalty(double lambda, double[] p) {
        if (lambda == 0) {
            return 0;
        }
        double sum = 0;
        for (double v : p) {
            sum += v * v;
        }
        return lambda * sum;
    }

    /** ∂/∂θ of ln L − n λ Σ θ². */
    private static double[] penalisedGradient(Likelihood likelihood, double[] p, double lambda, double n) {
        double[] g = likelihood.gradient(p);
        for (int i = 0; i < g.length; i++) {
            g[i] -= 2 * n * lambda * p[i];
        }
        return g;
    }

    /**
     * √diag((−H)^−1), H the Hessian of the penalised ln L in the parameters: from central
     * differences of the analytic gradient where there is one, of the values otherwise.
     */
    private static List<Double> standardErrors(Likelihood likelihood, double[] p, double lambda, double n, ModelKind kind) {
        int k = p.length;
        double[][] h = new double[k][k];
        if (likelihood.analyticGradient()) {
            for (int j = 0; j < k; j++) {
                double step = 1e-5 * p[j];
                double[] up = p.clone();
                double[] down = p.clone();
                up[j] += step;
                down[j] -= step;
                double[] gu = penalisedGradient(likelihood, up, lambda, n);
                double[] gd = penalisedGradient(likelihood, down, lambda, n);
                for (int i = 0; i < k; i++) {
                    h[i][j] = (gu[i] - gd[i]) / (2 * step);
                }
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < i; j++) {
                    h[i][j] = h[j][i] = (h[i][j] + h[j][i]) / 2;
                }
            }
        } else {
            Function<double[], Double> f = q -> likelihood.value(q) - n * penalty(lambda, q);
            double f0 = f.apply(p);
            double[] step = new double[k];
            for (int i = 0; i < k; i++) {
                step[i] = 1e-4 * p[i];
            }
            for (int i = 0; i < k; i++) {
                h[i][i] = (f.apply(shift(p, i, step[i], -1, 0)) - 2 * f0 + f.apply(shift(p, i, -step[i], -1, 0)))
                        / (step[i] * step[i]);
                for (int j = 0; j < i; j++) {
                    double v = f.apply(shift(p, i, step[i], j, step[j])) - f.apply(shift(p, i, step[i], j, -step[j]))
                            - f.apply(shift(p, i, -step[i], j, step[j])) + f.apply(shift(p, i, -step[i], j, -step[j]));
                    h[i][j] = h[j][i] = v / (4 * step[i] * step[j]);
                }
            }
        }
        RealMatrix information = MatrixUtils.createRealMatrix(h).scalarMultiply(-1);
        RealMatrix covariance;
        try {
            covariance = new CholeskyDecomposition(information, 1e-12, 1e-14).getSolver().getInverse();
        } catch (RuntimeException e) {
            throw notConverged(kind, Localizable.of(
                    "the observed information is not positive definite: the end point is not a clear maximum",
                    "观测信息矩阵不是正定的：终点不是明确的最大值"));
        }
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            errors.add(FastMath.sqrt(covariance.getEntry(i, i)));
        }
        return errors;
    }

    private static double[] shift(double[] p, int i, double di, int j, double dj) {
        double[] q = p.clone();
        q[i] += di;
        if (j >= 0) {
            q[j] += dj;
        }
        return q;
    }

    private static double[] exp(double[] theta) {
        double[] p = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            p[i] = FastMath.exp(theta[i]);
        }
        return p;
    }

    static ReservoirException notConverged(ModelKind kind, Localizable why) {
        return new ReservoirException(ErrorCode.MODEL_NOT_CONVERGED, kind.displayName(), why);
    }
}
