package dev.reservoir.server;

import java.util.Locale;

/**
 * The errors of the HTTP layer itself, with their status, stable code (the constant's name) and
 * text in English and Chinese. Errors of the engine ({@link dev.reservoir.engine.ErrorCode}) keep
 * their own codes and texts; {@link ApiException#statusOf} gives their status.
 */
enum ApiError {
    UNAUTHORIZED(401, "missing or unknown token: send the header Authorization: Bearer <token>",
            "缺少令牌或令牌无效：请发送请求头 Authorization: Bearer <令牌>"),
    FORBIDDEN_TENANT(403, "this token may not access tenant '%s'", "该令牌无权访问租户 '%s'"),
    ADMIN_ONLY(403, "tenant management needs the admin token", "租户管理需要管理员令牌"),
    NOT_FOUND(404, "no such endpoint: %s %s", "没有这个接口：%s %s"),
    UNKNOWN_METRIC(404, "no metric '%s'; available: %s", "没有指标 '%s'；可用：%s"),
    TOKEN_NOT_FOUND(404, "no token '%s'", "没有令牌 '%s'"),
    BODY_TOO_LARGE(413, "the request body is larger than the limit of %d bytes", "请求体超过 %d 字节的上限"),
    BATCH_TOO_LARGE(413, "a batch holds at most %d events, this one has %d", "每批最多 %d 个事件，本批有 %d 个"),
    RATE_LIMITED(429, "too many requests with this token: at most %s a second (%d at once); retry in %d ms",
            "该令牌请求过多：每秒最多 %s 次（瞬时 %d 次）；请 %d 毫秒后重试"),
    MALFORMED_JSON(400, "the body is not valid JSON: %s", "请求体不是有效的 JSON：%s"),
    BAD_REQUEST(400, "%s", "%s"),
    UNKNOWN_PARAMETER(400, "unknown parameter '%s' for %s; allowed: %s", "%2$s 不认识参数 '%1$s'；可用：%3$s"),
    INTERNAL(500, "internal error: %s", "内部错误：%s"),
    MAPPING_NOT_FOUND(404, "no mapping '%s' is saved for this tenant", "本租户没有保存名为 '%s' 的映射"),
    TAGS_NOT_FOUND(404, "this tenant has no tags.yaml yet: PUT /t/{tenant}/tags saves one",
            "本租户还没有 tags.yaml：可用 PUT /t/{tenant}/tags 保存");

    private final int status;
    private final String english;
    private final String chinese;

    ApiError(int status, String english, String chinese) {
        this.status = status;
        this.english = english;
        this.chinese = chinese;
    }

    int status() {
        return status;
    }

    String message(Locale locale, Object... args) {
        return String.format(Locale.ROOT, "zh".equals(locale.getLanguage()) ? chinese : english, args);
    }
}
