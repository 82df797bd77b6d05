package dev.reservoir.segments;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import dev.reservoir.engine.ErrorCode;
import dev.reservoir.engine.Localizable;
import dev.reservoir.engine.ReservoirException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tag rules compiled once and evaluated per customer. A rule is an expression of Google's Common
 * Expression Language over the {@link FactField}s (docs/segments.md, "Tag rules"); it must give
 * true or false. Compiling checks, in this order, and stops at the first problem with its
 * position: syntax; unknown fields and wrong types (CEL's checker); a result that is not bool;
 * cost. CEL has no loops; its macros ({@code exists}, {@code all}, {@code filter}, ...) iterate
 * over a list, so a rule may not nest them (a cost that grows with the square of a list) and is
 * limited to {@value #MAX_LENGTH} characters, {@value #MAX_NODES} expression nodes and
 * {@value #MAX_ITERATIONS} macro iterations per customer.
 */
public final class Tags {
    static final int MAX_LENGTH = 2_000;
    static final int MAX_NODES = 300;
    static final int MAX_ITERATIONS = 10_000;
    static final int MAX_DEPTH = 32;

    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");
    private static final Pattern NO_OVERLOAD = Pattern.compile("found no matching overload for '([^']+)' applied to '\\(([^)]*)\\)'");

    private final String source;
    private final List<TagDefinition> definitions;
    private final List<CelRuntime.Program> programs;
    private final List<List<String>> referenced;
    private final Map<String, FactField> fields;

    private Tags(String source, List<TagDefinition> definitions, List<CelRuntime.Program> programs,
                 List<List<String>> referenced, Map<String, FactField> fields) {
        this.source = source;
        this.definitions = List.copyOf(definitions);
        this.programs = List.copyOf(programs);
        this.referenced = List.copyOf(referenced);
        this.fields = fields;
    }

    /**
     * Compiles {@code definitions} against the standard facts and {@code extra} ones (quadrant,
     * predicted values: declare them only when their values exist).
     *
     * @param source where the definitions come from, for messages ({@code tags.yaml})
     * @throws ReservoirException with a TAG_RULE_* code at the first bad rule
     */
    public static Tags compile(String source, List<TagDefinition> definitions, List<FactField> extra) {
        Map<String, FactField> fields = new LinkedHashMap<>();
        for (FactField f : CustomerFields.STANDARD) {
            fields.put(f.name(), f);
        }
        for (FactField f : extra) {
            if (fields.put(f.name(), f) != null) {
                throw new IllegalArgumentException("fact '" + f.name() + "' is declared twice");
            }
        }
        CelOptions options = CelOptions.current()
                .maxExpressionCodePointSize(MAX_LENGTH)
                .maxParseRecursionDepth(MAX_DEPTH)
                .comprehensionMaxIterations(MAX_ITERATIONS)
                // money > 500: an int literal against a double fact, as a merchant writes it
                .enableHeterogeneousNumericComparisons(true)
                .build();
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
        for (FactField f : fields.values()) {
            builder.addVar(f.name(), f.kind().celType());
        }
        CelCompiler compiler = builder.build();
        CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
        List<CelRuntime.Program> programs = new ArrayList<>();
        List<List<String>> referenced = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (TagDefinition d : definitions) {
            if (!names.add(d.name())) {
                throw new ReservoirException(ErrorCode.INVALID_TAG_FILE, source,
                        Localizable.of("tag '" + d.name() + "' is defined twice", "标签 '" + d.name() + "' 重复定义"));
            }
            CelAbstractSyntaxTree ast = check(source, d, compiler, fields);
            try {
                programs.add(runtime.createProgram(ast));
            } catch (CelEvaluationException e) {
                throw new ReservoirException(e, ErrorCode.TAG_RULE_TYPE, source, d.name(), 1, 1,
                        plain(e.getMessage()), "");
            }
            referenced.add(CelNavigableAst.fromAst(ast).getRoot().allNodes()
                    .filter(n -> n.expr().exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT)
                    .map(n -> n.expr().ident().name()).filter(fields::containsKey).distinct().toList());
        }
        return new Tags(source, definitions, programs, referenced, fields);
    }

    private static CelAbstractSyntaxTree check(String source, TagDefinition d, CelCompiler compiler,
                                               Map<String, FactField> fields) {
        if (d.rule().codePointCount(0, d.rule().length()) > MAX_LENGTH) {
            throw tooExpensive(source, d, 1, 0, Localizable.of("it is longer than " + MAX_LENGTH + " characters",
                    "超过 " + MAX_LENGTH + " 个字符"));
        }
        CelValidationResult parsed = compiler.parse(d.rule(), source);
        if (parsed.hasError()) {
            CelIssue issue = parsed.getErrors().get(0);
            String msg = issue.getMessage();
            if (msg.contains("exceeded") || msg.contains("recursion")) {
                throw tooExpensive(source, d, line(issue), column(issue),
                        Localizable.of("it is nested too deeply (" + plain(msg) + ")", "嵌套过深（" + plain(msg) + "）"));
            }
            throw new ReservoirException(ErrorCode.TAG_RULE_SYNTAX, source, d.name(), line(issue), column(issue) + 1,
                    plain(msg), caret(d.rule(), line(issue), column(issue)));
        }
        CelValidationResult checked;
        try {
            checked = compiler.check(parsed.getAst());
        } catch (CelValidationException e) {
            throw new IllegalStateException("parsed without errors", e);
        }
        if (checked.hasError()) {
            CelIssue issue = checked.getErrors().get(0);
            Matcher unknown = UNDECLARED.matcher(issue.getMessage());
            if (unknown.find()) {
                throw new ReservoirException(ErrorCode.TAG_RULE_UNKNOWN_FIELD, source, d.name(), line(issue),
                        column(issue) + 1, unknown.group(1), String.join(", ", fields.keySet()),
                        caret(d.rule(), line(issue), column(issue)));
            }
            Matcher overload = NO_OVERLOAD.matcher(issue.getMessage());
            Localizable what = overload.find()
                    ? Localizable.of("'" + operator(overload.group(1)) + "' cannot be applied to (" + overload.group(2) + ")",
                    "'" + operator(overload.group(1)) + "' 不能用于类型 (" + overload.group(2) + ")")
                    : Localizable.of(plain(issue.getMessage()), plain(issue.getMessage()));
            throw new ReservoirException(ErrorCode.TAG_RULE_TYPE, source, d.name(), line(issue), column(issue) + 1,
                    what, caret(d.rule(), line(issue), column(issue)));
        }
        CelAbstractSyntaxTree ast;
        try {
            ast = checked.getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException("checked without errors", e);
        }
        if (!ast.getResultType().equals(SimpleType.BOOL)) {
            throw new ReservoirException(ErrorCode.TAG_RULE_NOT_BOOLEAN, source, d.name(), ast.getResultType().name());
        }
        List<CelNavigableExpr> nodes = CelNavigableAst.fromAst(ast).getRoot().allNodes().toList();
        if (nodes.size() > MAX_NODES) {
            throw tooExpensive(source, d, 1, 0, Localizable.of("it has " + nodes.size() + " parts, more than " + MAX_NODES,
                    "包含 " + nodes.size() + " 个部分，超过 " + MAX_NODES));
        }
        for (CelNavigableExpr n : nodes) {
            if (n.expr().exprKind().getKind() != CelExpr.ExprKind.Kind.COMPREHENSION) {
                continue;
            }
            Optional<CelNavigableExpr> up = n.parent();
            while (up.isPresent()) {
                if (up.get().expr().exprKind().getKind() == CelExpr.ExprKind.Kind.COMPREHENSION) {
                    int offset = ast.getSource().getPositionsMap().getOrDefault(n.expr().id(), 0);
                    CelSourceLocation at = ast.getSource().getOffsetLocation(offset)
                            .orElse(CelSourceLocation.of(1, 0));
                    throw tooExpensive(source, d, at.getLine(), at.getColumn(), Localizable.of(
                            "a list macro (exists, all, filter, map) inside another one costs the product of the list sizes per customer",
                            "列表宏（exists、all、filter、map）嵌套在另一个列表宏中，每个客户的代价是列表长度的乘积"));
                }
                up = up.get().parent();
            }
        }
        return ast;
    }

    private static ReservoirException tooExpensive(String source, TagDefinition d, int line, int column, Localizable why) {
        return new ReservoirException(ErrorCode.TAG_RULE_TOO_EXPENSIVE, source, d.name(), line, column + 1, why,
                caret(d.rule(), line, column));
    }

    private static int line(CelIssue issue) {
        return Math.max(1, issue.getSourceLocation().getLine());
    }

    private static int column(CelIssue issue) {
        return Math.max(0, issue.getSourceLocation().getColumn());
    }

    /** CEL names operators by their internal function names, {@code _>_}; a person writes {@code >}. */
    private static String operator(String function) {
        return function.startsWith("_") && function.endsWith("_") && function.length() > 2
                ? function.substring(1, function.length() - 1).replace("_", "") : function;
    }

    /** CEL messages start with {@code ERROR: <input>:1:5: }; the position is given separately. */
    private static String plain(String message) {
        String first = message.lines().findFirst().orElse(message);
        return first.replaceFirst("^ERROR: [^:]*:\\d+:\\d+: ", "");
    }

    /** The rule's line and a caret under the column: "  | recency > 'x'\n  | ..........^". */
    static String caret(String rule, int line, int column) {
        List<String> lines = rule.lines().toList();
        String text = line - 1 < lines.size() ? lines.get(line - 1) : "";
        return "  | " + text + "\n  | " + ".".repeat(Math.max(0, Math.min(column, text.length()))) + "^";
    }

    public List<TagDefinition> definitions() {
        return definitions;
    }

    public List<String> names() {
        return definitions.stream().map(TagDefinition::name).toList();
    }

    public Optional<Integer> index(String name) {
        for (int i = 0; i < definitions.size(); i++) {
            if (definitions.get(i).name().equals(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The facts the rule of tag {@code i} names, in the order it names them: what put a customer there. */
    public List<FactField> referenced(int i) {
        return referenced.get(i).stream().map(fields::get).toList();
    }

    /**
     * The facts every rule can name, in declaration order (docs/segments.md, "Tag rules"): what the
     * customer lookup shows as a customer's facts, so they read exactly as the rules read them.
     */
    public static List<FactField> standardFields() {
        return CustomerFields.STANDARD;
    }

    public FactField field(String name) {
        return fields.get(name);
    }

    public String source() {
        return source;
    }

    /** Whether the customer carries tag {@code i}. */
    public boolean matches(int i, CustomerView customer) {
        CelVariableResolver vars = name -> {
            FactField f = fields.get(name);
            return f == null ? Optional.empty() : Optional.of(f.value().apply(customer));
        };
        return eval(i, customer, vars);
    }

    private boolean eval(int i, CustomerView customer, CelVariableResolver vars) {
        try {
            return Boolean.TRUE.equals(programs.get(i).eval(vars));
        } catch (CelEvaluationException e) {
            String msg = plain(e.getMessage());
            if (msg.contains("Iteration budget exceeded") || msg.toLowerCase(java.util.Locale.ROOT).contains("iteration")) {
                throw new ReservoirException(e, ErrorCode.TAG_RULE_TOO_EXPENSIVE, source, definitions.get(i).name(), 1, 1,
                        Localizable.of("more than " + MAX_ITERATIONS + " macro iterations for customer '" + customer.customerId() + "'",
                                "客户 '" + customer.customerId() + "' 的宏迭代超过 " + MAX_ITERATIONS + " 次"),
                        caret(definitions.get(i).rule(), 1, 0));
            }
            throw new ReservoirException(e, ErrorCode.TAG_RULE_FAILED, source, definitions.get(i).name(),
                    customer.customerId(), msg);
        }
    }

    /**
     * An evaluator for many customers on one thread (not thread-safe: one per thread). A rule is a
     * function of the facts it names and nothing else (CEL has no side effects, no clock, no
     * randomness), so it remembers each rule's result by the values of those facts: a rule on
     * {@code days_inactive}, {@code complaints} or {@code categories} sees a few hundred distinct
     * values among a million customers, and each is evaluated once. A rule whose values hardly
     * repeat (money) stops remembering after {@value #MEMO_LIMIT} distinct ones and is evaluated
     * for every customer, as {@link #matches} does.
     */
    public Evaluator evaluator() {
        return new Evaluator();
    }

    /** Distinct fact values remembered per rule and evaluator before it gives up remembering. */
    static final int MEMO_LIMIT = 4_096;

    /** See {@link #evaluator()}. */
    public final class Evaluator {
        private final List<Map<Object, Boolean>> memo = new ArrayList<>();
        private final boolean[] remembering;
        private final Object[][] values;
        private final Map<String, Integer>[] slots;

        @SuppressWarnings("unchecked")
        private Evaluator() {
            int n = programs.size();
            remembering = new boolean[n];
            values = new Object[n][];
            slots = new Map[n];
            for (int i = 0; i < n; i++) {
                memo.add(new java.util.HashMap<>());
                remembering[i] = true;
                List<String> names = referenced.get(i);
                values[i] = new Object[names.size()];
                Map<String, Integer> at = new java.util.HashMap<>();
                for (int j = 0; j < names.size(); j++) {
                    at.put(names.get(j), j);
                }
                slots[i] = at;
            }
        }

        /** The same answer as {@link Tags#matches}. */
        public boolean matches(int i, CustomerView customer) {
            if (!remembering[i]) {
                return Tags.this.matches(i, customer);
            }
            List<String> names = referenced.get(i);
            Object[] v = values[i];
            for (int j = 0; j < v.length; j++) {
                v[j] = fields.get(names.get(j)).value().apply(customer);
            }
            // one fact: its value is the key; else a copy of the values (the array is reused)
            Object[] own = v.length == 1 ? v : v.clone();
            Object memoKey = v.length == 1 ? v[0] : java.util.Arrays.asList(own);
            Boolean known = memoKey == null ? null : memo.get(i).get(memoKey);
            if (known != null) {
                return known;
            }
            Map<String, Integer> at = slots[i];
            CelVariableResolver vars = name -> {
                Integer j = at.get(name);
                if (j != null) {
                    return Optional.of(own[j]);
                }
                FactField f = fields.get(name);
                return f == null ? Optional.empty() : Optional.of(f.value().apply(customer));
            };
            boolean result = eval(i, customer, vars);
            if (memoKey == null) {
                return result;
            }
            if (memo.get(i).size() < MEMO_LIMIT) {
                memo.get(i).put(memoKey, result);
            } else {
                remembering[i] = false;
                memo.get(i).clear();
            }
            return result;
        }
    }

    /** The names of the tags the customer carries, in definition order. */
    public List<String> tagsOf(CustomerView customer) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            if (matches(i, customer)) {
                out.add(definitions.get(i).name());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return definitions.stream().map(d -> d.name() + ": " + d.rule()).collect(Collectors.joining("; "));
    }
}
