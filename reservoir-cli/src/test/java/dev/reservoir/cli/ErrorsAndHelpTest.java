package dev.reservoir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reservoir.duckdb.DuckDbEngine;
import dev.reservoir.engine.Engine;
import dev.reservoir.engine.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsAndHelpTest {
    @TempDir
    Path root;

    @Test
    void lockedDataDirectory_exitsOneWithTheLockMessage_andNoStackTrace() {
        Path data = root.resolve("data");
        try (Engine holder = DuckDbEngine.open(EngineConfig.of(data))) {
            Cli.Result en = new Cli(data).run("tenant", "list");
            Cli.Result zh = new Cli(data).run("info", "--lang", "zh", "--format", "json");
            assertAll(
                    () -> assertEquals(1, en.exit()),
                    () -> assertTrue(en.err().startsWith("error [DATA_DIRECTORY_LOCKED]: data directory " + data
                            + " is in use by another Reservoir process (pid " + ProcessHandle.current().pid()),
                            en::toString),
                    () -> assertFalse(en.err().contains("\tat "), en::toString),
                    () -> assertEquals(1, zh.exit()),
                    () -> assertTrue(zh.err().startsWith("错误 [DATA_DIRECTORY_LOCKED]：数据目录 " + data
                            + " 正被另一个 Reservoir 进程使用"), zh::toString),
                    () -> assertEquals("DATA_DIRECTORY_LOCKED", zh.json().get("error").get("code").asText()),
                    () -> assertTrue(zh.json().get("error").get("message").asText().startsWith("数据目录 ")));
        }
        // Released: the next command runs.
        assertEquals(0, new Cli(data).run("tenant", "list").exit());
    }

    @Test
    void jsonError_isOneObjectOnStdout_besidesTheLineOnStderr() {
        Cli.Result result = new Cli(root).run("tenant", "create", "x", "--currency", "YUAN", "--format", "json");
        assertEquals(1, result.exit());
        JsonNode error = result.json().get("error");
        assertEquals("INVALID_CURRENCY", error.get("code").asText());
        assertEquals("currency 'YUAN' is not an ISO 4217 code such as CNY or GBP", error.get("message").asText());
        assertEquals(1, result.json().size());
        assertTrue(result.err().startsWith("error [INVALID_CURRENCY]: "));
    }

    @Test
    void unknownOption_exitsTwoWithPicocliMessage() {
        Cli.Result result = new Cli(root).run("info", "--colour");
        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("Unknown option: '--colour'"), result::toString);
    }

    @Test
    void badLanguage_orFormat_isAUsageError() {
        Cli cli = new Cli(root);
        Cli.Result lang = cli.run("info", "--lang", "fr");
        Cli.Result format = cli.run("info", "--format", "xml");
        assertEquals(2, lang.exit());
        assertTrue(lang.err().startsWith("Invalid value for option '--lang': expected en or zh, was 'fr'"), lang::toString);
        assertEquals(2, format.exit());
        assertTrue(format.err().startsWith("Invalid value for option '--format': expected table, json, csv or html, was 'xml'"),
                format::toString);
    }

    @Test
    void noSubcommand_isAUsageError() {
        Cli.Result result = new Cli(root).run();
        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("reservoir: name a subcommand; see --help"), result::toString);
        assertEquals(2, new Cli(root).run("tenant").exit());
    }

    @Test
    void help_inEnglish_listsEveryCommand() {
        Cli.Result result = new Cli(root).run("--help");
        assertEquals(0, result.exit());
        String out = result.out();
        assertTrue(out.startsWith("Reservoir, the customer retention platform"), out);
        assertTrue(out.contains("\nUsage: reservoir [-hV] [--lang=en|zh] [COMMAND]\n"), out);
        for (String command : new String[] {"tenant", "import", "info", "generate", "demo"}) {
            assertTrue(out.contains("\n  " + command + " "), command + " missing from\n" + out);
        }
        // The column width follows the longest command name, so match any run of spaces.
        assertTrue(out.matches("(?s).*\n  demo +Generate a small shop, import it into tenant 'demo'.*"), out);
    }

    @Test
    void asOfOptions_areDescribedAlike_inEveryCommandThatTakesThem() {
        // One mixin (AsOfOptions) declares --as-of and --known-at for every command: each help
        // shows both with the texts of Messages.properties / Messages_zh.properties.
        Cli cli = new Cli(root);
        for (String command : new String[] {"info", "churn", "warn", "retention", "repurchase", "annual", "activity",
                "groups", "funnel", "report", "risk", "lifecycle", "rfm", "sessions"}) {
            String en = unwrap(cli.run(command, "--help").out());
            String zh = unwrap(cli.run(command, "--lang", "zh", "--help").out());
            assertAll(command,
                    () -> assertTrue(en.matches("(?s).*--as-of=DATE +Count only events up to the end of this date.*"), en),
                    () -> assertTrue(en.matches("(?s).*--known-at=INSTANT +Count only events imported by this instant.*"), en),
                    () -> assertTrue(zh.matches("(?s).*--as-of=DATE +只统计截至该日结束的事件.*"), zh),
                    () -> assertTrue(zh.matches("(?s).*--known-at=INSTANT +只统计在该时刻之前导入的事件.*"), zh));
        }
    }

    @Test
    void help_inChinese_forTheTopCommandAndASubcommand() {
        Cli cli = new Cli(root);
        String top = cli.run("--lang", "zh", "--help").out();
        String create = unwrap(cli.run("tenant", "create", "--help", "--lang", "zh").out());
        String importHelp = unwrap(cli.run("import", "--lang", "zh", "-h").out());
        assertAll(
                () -> assertTrue(top.startsWith("Reservoir 客户留存平台：谁在流失、流失多快、为什么流失、该怎么办。\n"), top),
                () -> assertTrue(top.contains("\n用法：reservoir [-hV]"), top),
                () -> assertTrue(top.matches("(?s).*\n命令：\n  tenant +创建、列出和删除租户。\n.*"), top),
                () -> assertTrue(top.matches("(?s).*\n  help +显示某个命令的帮助。\n.*"), top),
                () -> assertTrue(create.contains("创建租户，并设定其时区和币种。"), create),
                () -> assertTrue(create.contains("租户的时区；日、周、月都按此时区划分（默认：Asia/Shanghai）"), create),
                () -> assertTrue(create.contains("显示本帮助并退出。"), create),
                () -> assertTrue(importHelp.contains("数据目录（默认取环境变量 RESERVOIR_DATA，未设置时为当前目录下的"
                        + " reservoir-data）"), importHelp),
                () -> assertTrue(importHelp.contains("1d、12h、30m 或 PT1H（默认：1d）"), importHelp));
    }

    @Test
    void langBeforeTheSubcommand_appliesToItsOutput() {
        Cli cli = new Cli(root);
        Cli.Result top = cli.run("--lang", "zh", "tenant", "create", "x", "--currency", "YUAN");
        Cli.Result group = cli.run("tenant", "--lang", "zh", "create", "x", "--currency", "YUAN");
        Cli.Result overridden = cli.run("--lang", "zh", "tenant", "create", "x", "--currency", "YUAN", "--lang", "en");
        assertTrue(top.err().startsWith("错误 [INVALID_CURRENCY]：币种 'YUAN' 无效"), top::toString);
        assertTrue(group.err().startsWith("错误 [INVALID_CURRENCY]："), group::toString);
        assertTrue(overridden.err().startsWith("error [INVALID_CURRENCY]: "), overridden::toString);
        assertTrue(cli.run("tenant", "--lang", "zh", "--help").out().contains("\n  create  创建租户"));
    }

    /** picocli wraps Chinese text anywhere, adding a line break and the column's indent. */
    private static String unwrap(String help) {
        return help.replaceAll("\n {20,}", "");
    }

    @Test
    void help_followsTheDefaultLocale_whenNoLangIsGiven() {
        // A Chinese machine gets Chinese output without --lang.
        Cli chinese = new Cli(root.resolve("data"), Clock.fixed(Cli.NOW, ZoneOffset.UTC), Locale.SIMPLIFIED_CHINESE);
        Cli.Result result = chinese.run("tenant", "create", "bad id");
        assertTrue(result.err().startsWith("错误 [INVALID_TENANT_ID]：租户标识 'bad id' 无效"), result::toString);
        Cli.Result english = chinese.run("tenant", "create", "bad id", "--lang", "en");
        assertTrue(english.err().startsWith("error [INVALID_TENANT_ID]: "), english::toString);
    }

    @Test
    void publicConstructor_readsTheDataDirectoryFromTheEnvironment() {
        Path data = root.resolve("from-env");
        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new ReservoirCommand(Clock.fixed(Cli.NOW, ZoneOffset.UTC),
                Map.of("RESERVOIR_DATA", data.toString())::get));
        cmd.setOut(new PrintWriter(out));
        assertEquals(0, cmd.execute("tenant", "create", "shop", "--lang", "en"));
        assertTrue(out.toString().contains(data.toString()), out::toString);
    }

    @Test
    void badMemoryLimit_isAUsageError() {
        Cli.Result result = new Cli(root).run("info", "--memory-limit", "lots");
        assertEquals(2, result.exit());
        assertTrue(result.err().startsWith("Invalid value for option '--memory-limit': expected a size such as 4GB,"),
                result::toString);
    }
}
