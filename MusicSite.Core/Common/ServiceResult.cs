namespace MusicSite.Common;

/// <summary>Field-keyed validation messages, the shape of ProblemDetails' <c>errors</c> and of form messages.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        if (!list.Contains(message))
        {
            list.Add(message);
        }
        return this;
    }

    public IReadOnlyList<string> For(string field) =>
        _errors.TryGetValue(field, out var list) ? list : [];

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
}

/// <summary>The outcome of a use case: a value, or field errors (with an error code for the API).</summary>
public sealed class ServiceResult<T>
{
    private ServiceResult(T? value, FieldErrors? errors, string? code, TimeSpan? retryAfter = null)
    {
        Value = value;
        Errors = errors ?? new FieldErrors();
        Code = code;
        RetryAfter = retryAfter;
    }

    public T? Value { get; }
    public FieldErrors Errors { get; }
    public string? Code { get; }
    /// <summary>Set when the request was refused for going too fast: how long to wait.</summary>
    public TimeSpan? RetryAfter { get; }
    public bool Succeeded => !Errors.Any && Code is null;

    public static ServiceResult<T> Ok(T value) => new(value, null, null);
    public static ServiceResult<T> Invalid(FieldErrors errors, string code = ErrorCodes.ValidationFailed) => new(default, errors, code);
    public static ServiceResult<T> Invalid(string field, string message, string code = ErrorCodes.ValidationFailed) =>
        new(default, new FieldErrors().Add(field, message), code);
    /// <summary>Refused for going too fast; the caller may try again after <paramref name="retryAfter"/>.</summary>
    public static ServiceResult<T> Limited(TimeSpan retryAfter) => new(default, null, ErrorCodes.RateLimited, retryAfter);
}
