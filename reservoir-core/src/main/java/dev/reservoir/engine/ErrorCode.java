package dev.reservoir.engine;

import java.util.Locale;

/**
 * Every error Reservoir reports, with a stable code and its text in English and Chinese.
 *
 * <p>The code (the constant's name) is what scripts and the HTTP API match on; the texts are
 * {@link String#format} templates whose arguments are filled in by {@link ReservoirException}
 * or {@link dev.reservoir.ingest.Rejection}. Texts say where (file, line, column), what was
 * expected and what was found.
 */
public enum ErrorCode {
    // tenants and the data directory
    INVALID_TENANT_ID("tenant id '%s' is invalid: expected 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or digit",
            "租户标识 '%s' 无效：应为 1-63 个 a-z、0-9、'_' 或 '-' 字符，并以字母或数字开头"),
    TENANT_NOT_FOUND("tenant '%s' does not exist in %s (create it with: reservoir tenant create %1$s)",
            "租户 '%s' 在 %s 中不存在（用 reservoir tenant create %1$s 创建）"),
    TENANT_EXISTS("tenant '%s' already exists", "租户 '%s' 已存在"),
    INVALID_TIME_ZONE("time zone '%s' is not a known region id such as Asia/Shanghai or Europe/London",
            "时区 '%s' 无效：应为 Asia/Shanghai、Europe/London 这样的时区标识"),
    INVALID_CURRENCY("currency '%s' is not an ISO 4217 code such as CNY or GBP",
            "币种 '%s' 无效：应为 CNY、GBP 这样的 ISO 4217 代码"),
    DATA_DIRECTORY_LOCKED("data directory %s is in use by another Reservoir process (%s); only one process may write it at a time: wait for it to finish or stop it",
            "数据目录 %s 正被另一个 Reservoir 进程使用（%s）；同一时间只能有一个进程写入：请等待其结束或将其停止"),
    INSUFFICIENT_DISK("not enough free disk in %s: %s needed, %s free", "%s 磁盘空间不足：需要 %s，可用 %s"),
    STORE_FAILURE("the store of tenant '%s' failed: %s", "租户 '%s' 的存储出错：%s"),
    UNSUPPORTED_METRIC("this engine (%s) does not support %s metrics", "该引擎（%s）不支持 %s 指标"),
    INVALID_PARAMETER("%s: expected %s, was '%s'", "%s：应为%s，实际为 '%s'"),

    // mappings
    UNKNOWN_MAPPING("mapping '%s' is neither a built-in mapping (%s), a mapping saved for the tenant (%s) nor a readable YAML file",
            "映射 '%s' 既不是内置映射（%s），也不是租户保存的映射（%s），也不是可读取的 YAML 文件"),
    INVALID_MAPPING("%s: invalid mapping: %s", "%s：映射无效：%s"),

    // whole files
    FILE_NOT_FOUND("%s: file not found", "%s：文件不存在"),
    UNSUPPORTED_FORMAT("%s: cannot tell the format from the file name; expected .csv, .csv.gz, .txt, .parquet, .jsonl or .ndjson (or set 'format' in the mapping)",
            "%s：无法从文件名判断格式；应为 .csv、.csv.gz、.txt、.parquet、.jsonl 或 .ndjson（或在映射中设置 format）"),
    EMPTY_FILE("%s: the file is empty: expected a header line and at least one row", "%s：文件为空：应有表头行和至少一行数据"),
    TRUNCATED_GZIP("%s: the gzip stream is truncated or corrupt (%s); nothing from this file was imported",
            "%s：gzip 压缩流被截断或已损坏（%s）；该文件未导入任何数据"),
    NOT_UTF8("%s: line %d: the file is not valid UTF-8 (%s); save it as UTF-8 and import it again; nothing from this file was imported",
            "%s：第 %d 行：文件不是有效的 UTF-8 编码（%s）；请另存为 UTF-8 后重新导入；该文件未导入任何数据"),
    MISSING_COLUMN("%s: header: column '%s' required by mapping '%s' is missing; the header has: %s",
            "%1$s：表头：映射 '%3$s' 需要的列 '%2$s' 不存在；表头中的列为：%4$s"),
    UNREADABLE_FILE("%s: cannot be read as %s: %s", "%s：无法按 %s 读取：%s"),
    STRICT_REJECTED("%s: --strict: the whole file was rejected at its first bad row: %s",
            "%s：--strict：文件在第一条错误行处被整体拒绝：%s"),

    // single rows (each becomes a line of the rejects file)
    MALFORMED_ROW("%s: line %d: the row does not fit the file's layout: %s", "%s：第 %d 行：该行与文件格式不符：%s"),
    MISSING_FIELD("%s: line %d: column '%s': a value is required, the field is empty",
            "%s：第 %d 行：列 '%s'：必填，但该字段为空"),
    BAD_VALUE("%s: line %d: column '%s': expected %s, was '%s'", "%s：第 %d 行：列 '%s'：应为%s，实际为 '%s'"),
    UNKNOWN_EVENT_TYPE("%s: line %d: column '%s': '%s' is not an event type the mapping knows (expected one of %s)",
            "%s：第 %d 行：列 '%s'：'%s' 不是映射认识的事件类型（应为 %s 之一）"),
    FUTURE_TIME("%s: line %d: column '%s': %s is in the future: later than %s (now plus the tolerance of %s)",
            "%s：第 %d 行：列 '%s'：%s 在未来：晚于 %s（当前时间加容差 %s）"),
    NONEXISTENT_LOCAL_TIME("%s: line %d: column '%s': %s does not exist in time zone %s (the clocks jumped forward over it)",
            "%s：第 %d 行：列 '%s'：%s 在时区 %s 中不存在（时钟在此处向前跳过）"),
    NO_CUSTOMER("%s: line %d: neither a customer id nor a visitor id: an event must belong to someone",
            "%s：第 %d 行：既无客户标识也无访客标识：事件必须属于某人"),
    CURRENCY_MISMATCH("%s: line %d: column '%s': currency %s differs from the tenant's currency %s and no rate was given",
            "%s：第 %d 行：列 '%s'：币种 %s 与租户币种 %s 不同，且未给出汇率"),

    // customer-base models (BG/NBD, Pareto/NBD, Gamma-Gamma)
    MODEL_UNSUPPORTED_DATA("%s cannot be fitted on this data: %s", "无法用这些数据拟合 %s：%s"),
    MODEL_NOT_CONVERGED("%s: the maximum-likelihood fit did not converge: %s; its parameters would be nonsense, so none are given",
            "%s：最大似然拟合未收敛：%s；这样的参数没有意义，因此不给出"),
    MODEL_FILE_INVALID("%s: not a model file written by reservoir fit: %s", "%s：不是 reservoir fit 写出的模型文件：%s"),
    // segments: tag rules (Common Expression Language) and tag files
    TAG_RULE_SYNTAX("%s: tag '%s': line %d, column %d: the rule is not a valid expression: %s%n%s",
            "%s：标签 '%s'：第 %d 行第 %d 列：规则不是有效的表达式：%s%n%s"),
    TAG_RULE_UNKNOWN_FIELD("%s: tag '%s': line %d, column %d: unknown field '%s'; the known fields are: %s%n%s",
            "%s：标签 '%s'：第 %d 行第 %d 列：未知字段 '%s'；可用字段：%s%n%s"),
    TAG_RULE_TYPE("%s: tag '%s': line %d, column %d: wrong type: %s%n%s",
            "%s：标签 '%s'：第 %d 行第 %d 列：类型错误：%s%n%s"),
    TAG_RULE_NOT_BOOLEAN("%s: tag '%s': the rule must be true or false for a customer, but it gives a %s",
            "%s：标签 '%s'：规则对每个客户应得出真或假，实际得出 %s"),
    TAG_RULE_TOO_EXPENSIVE("%s: tag '%s': line %d, column %d: the rule is too expensive: %s%n%s",
            "%s：标签 '%s'：第 %d 行第 %d 列：规则代价过高：%s%n%s"),
    TAG_RULE_FAILED("%s: tag '%s': the rule failed for customer '%s': %s",
            "%s：标签 '%s'：规则对客户 '%s' 求值失败：%s"),
    INVALID_TAG_FILE("%s: invalid tag file: %s", "%s：标签文件无效：%s"),
    UNKNOWN_TAG("tag '%s' is not defined in %s (defined: %s)", "标签 '%s' 未在 %s 中定义（已定义：%s）"),

    // learned churn risk
    RISK_MODEL_INVALID("%s: not a churn-risk model directory written by reservoir risk --out: %s",
            "%s：不是 reservoir risk --out 写出的流失风险模型目录：%s"),

    // customer lookup
    CUSTOMER_NOT_FOUND("customer '%s' is not known to tenant '%s' as of %s: no event and no registration up to that date",
            "客户 '%s' 在租户 '%s' 中截至 %s 不存在：到该日期为止既没有事件也没有注册"),
    // one owner of the data: reservoir serve, and the command line pointed at it
    DATA_DIRECTORY_SERVED("data directory %s is owned by reservoir serve at %s (pid %s) while it runs; %s",
            "数据目录 %s 在 reservoir serve 运行期间归它所有（%s，进程 %s）；%s"),
    SERVER_UNREACHABLE("cannot reach the Reservoir server at %s: %s", "无法连接 Reservoir 服务 %s：%s"),
    SERVER_REPLY("the server at %s answered %d without a Reservoir error: %s",
            "服务 %s 返回了 %d，但不是 Reservoir 的错误格式：%s"),
    UPLOAD_TOO_LARGE("%s: %d bytes, more than the server's upload limit of %d bytes (reservoir serve --max-upload); nothing was sent",
            "%s：%d 字节，超过服务的上传上限 %d 字节（reservoir serve --max-upload）；未发送任何内容"),
    // saved mappings
    INVALID_MAPPING_NAME("'%s' cannot name a saved mapping: expected 1 to 64 lower-case letters, digits, '-' or '_',"
            + " starting with a letter or digit, and not a built-in mapping's name (%s)",
            "'%s' 不能作为保存的映射名：应为 1 到 64 个小写字母、数字、'-' 或 '_'，以字母或数字开头，且不是内置映射名（%s）"),
    FILE_NOT_WRITABLE("%s: cannot be written: %s", "%s：无法写入：%s");

    private final String english;
    private final String chinese;

    ErrorCode(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** The text for {@code locale}: Chinese for any {@code zh} locale, English otherwise. */
    public String format(Locale locale, Object... args) {
        String template = "zh".equals(locale.getLanguage()) ? chinese : english;
        Object[] texts = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            texts[i] = args[i] instanceof Localizable l ? l.text(locale) : args[i];
        }
        return String.format(Locale.ROOT, template, texts);
    }
}
