using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MusicSite.Accounts;
using MusicSite.Common;
using MusicSite.Web.Api;
using MusicSite.Web.Auth;

namespace MusicSite.Web.Endpoints;

public sealed record LoginRequest(string? Email, string? Password);
public sealed record RefreshRequest(string? RefreshToken);
public sealed record EmailRequest(string? Email);
public sealed record ResetPasswordRequest(string? Email, string? Code, string? Password);
public sealed record VerifyEmailRequest(int? UserId, string? Code);
/// <summary>The sentence the matching account page shows.</summary>
public sealed record AccountMessageResponse(string Message);
public sealed record ProfileResponse(int Id, string Email, string DisplayName, string? Bio, string? AvatarUrl,
    IReadOnlyList<string> Roles, bool EmailConfirmed, DateTime CreatedAt);

/// <summary>/api/auth: register, sign in for a bearer token, refresh it, sign out, recover a password, confirm the
/// email, read and edit one's own profile. The account flows answer as their pages do, with the same limits.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimits.Account);
        group.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimits.Account);
        group.MapPost("/refresh", RefreshAsync).RequireRateLimiting(RateLimits.Account);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization();
        group.MapPost("/forgot-password", ForgotPasswordAsync).RequireRateLimiting(RateLimits.Account);
        group.MapPost("/reset-password", ResetPasswordAsync).RequireRateLimiting(RateLimits.Account);
        group.MapPost("/verify-email", VerifyEmailAsync).RequireRateLimiting(RateLimits.Account);
        group.MapPost("/resend-confirmation", ResendConfirmationAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Account);
        group.MapGet("/me", GetMeAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Reads)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPut("/me", UpdateMeAsync).RequireAuthorization().RequireRateLimiting(RateLimits.Edits);
        group.MapPut("/me/avatar", UpdateAvatarAsync).RequireAuthorization().DisableAntiforgery().RequireRateLimiting(RateLimits.Edits);
        return group;
    }

    public static async Task<Results<Created<ProfileResponse>, ProblemHttpResult>> RegisterAsync(RegisterInput input,
        HttpContext context, AccountService accounts, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        var result = await accounts.RegisterAsync(input, cancellationToken);
        if (result.RetryAfter is { } wait)
        {
            return TooManyRequests.ForApi(context, wait);
        }
        if (!result.Succeeded)
        {
            return ApiProblems.FromResult(result.Code!, result.Errors);
        }
        return TypedResults.Created("/api/auth/me", await ToProfileAsync(result.Value!, users));
    }

    /// <summary>Answers with <c>{ tokenType, accessToken, expiresIn, refreshToken }</c> written by the bearer handler.</summary>
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request,
        HttpContext context, SignInManager<AppUser> signIn, SignInFlow flow)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            var errors = new FieldErrors();
            if (string.IsNullOrWhiteSpace(request.Email)) errors.Add("email", "Enter your email address.");
            if (string.IsNullOrEmpty(request.Password)) errors.Add("password", "Enter your password.");
            return ApiProblems.Validation(errors);
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await flow.PasswordSignInAsync(context, request.Email, request.Password, persistent: false);
        if (result.Succeeded)
        {
            return TypedResults.Empty;
        }
        if (result.LockedUntil is { } until)
        {
            return ApiProblems.Problem(ErrorCodes.AccountLocked, SignInFlow.LockedMessage(until));
        }
        return result.IsThrottled
            ? TooManyRequests.ForApi(context, result.Throttle.RetryAfter!.Value)
            : ApiProblems.Problem(ErrorCodes.InvalidCredentials, SignInFlow.FailedMessage);
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(RefreshRequest request,
        SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires < clock.GetUtcNow()
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return ApiProblems.Problem(ErrorCodes.InvalidRefreshToken,
                "The refresh token is invalid or has expired. Sign in again.");
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Ends the session: every refresh token of the account stops working, and the cookie is removed.
    /// An access token already issued stays valid until it expires (at most an hour).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> LogoutAsync(ClaimsPrincipal principal,
        AccountService accounts, SignInManager<AppUser> signIn)
    {
        if (principal.UserId() is not { } id || !(await accounts.EndSessionsAsync(id)).Succeeded)
        {
            return ApiProblems.Problem(ErrorCodes.Unauthorized);
        }
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    /// <summary>Mails a reset link when the address has an account; the answer is the same either way.</summary>
    public static async Task<Results<Ok<AccountMessageResponse>, ProblemHttpResult>> ForgotPasswordAsync(
        EmailRequest request, HttpContext context, AccountService accounts, CancellationToken cancellationToken) =>
        Answer(context, await accounts.RequestPasswordResetAsync(request.Email, context.ForAudit(), cancellationToken), message => message);

    /// <summary>Sets a new password with the <c>code</c> from the reset link (with the link's <c>email</c>).</summary>
    public static async Task<Results<Ok<AccountMessageResponse>, ProblemHttpResult>> ResetPasswordAsync(
        ResetPasswordRequest request, HttpContext context, AccountService accounts) =>
        Answer(context, await accounts.ResetPasswordAsync(request.Email, request.Code, request.Password, context.ForAudit()),
            _ => AccountMessages.PasswordChanged);

    /// <summary>Confirms the email with the <c>userId</c> and <c>code</c> of the confirmation link.</summary>
    public static async Task<Results<Ok<AccountMessageResponse>, ProblemHttpResult>> VerifyEmailAsync(
        VerifyEmailRequest request, AccountService accounts)
    {
        if (request.UserId is not { } userId || string.IsNullOrWhiteSpace(request.Code))
        {
            var errors = new FieldErrors();
            if (request.UserId is null) errors.Add("userId", "Give the userId from the confirmation link.");
            if (string.IsNullOrWhiteSpace(request.Code)) errors.Add("code", "Give the code from the confirmation link.");
            return ApiProblems.Validation(errors);
        }
        return await accounts.ConfirmEmailAsync(userId, request.Code)
            ? TypedResults.Ok(new AccountMessageResponse(AccountMessages.EmailConfirmed))
            : ApiProblems.Validation(new FieldErrors().Add("code", AccountMessages.ConfirmationLinkInvalid),
                ErrorCodes.InvalidToken, AccountMessages.ConfirmationLinkInvalid);
    }

    /// <summary>Mails the signed-in user's confirmation link again.</summary>
    public static async Task<Results<Ok<AccountMessageResponse>, ProblemHttpResult>> ResendConfirmationAsync(
        ClaimsPrincipal principal, HttpContext context, AccountService accounts, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } id)
        {
            return ApiProblems.Problem(ErrorCodes.Unauthorized);
        }
        return Answer(context, await accounts.ResendConfirmationAsync(id, cancellationToken), message => message);
    }

    /// <summary>A use case's result as the API says it: its sentence, its field errors, or a 429.</summary>
    private static Results<Ok<AccountMessageResponse>, ProblemHttpResult> Answer<T>(HttpContext context,
        ServiceResult<T> result, Func<T, string> message)
    {
        if (result.RetryAfter is { } wait)
        {
            return TooManyRequests.ForApi(context, wait);
        }
        return result.Succeeded
            ? TypedResults.Ok(new AccountMessageResponse(message(result.Value!)))
            : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> GetMeAsync(ClaimsPrincipal principal,
        UserManager<AppUser> users)
    {
        var user = await CurrentUserAsync(principal, users);
        return user is null
            ? ApiProblems.Problem(ErrorCodes.Unauthorized, "Sign in first.")
            : TypedResults.Ok(await ToProfileAsync(user, users));
    }

    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> UpdateMeAsync(ProfileInput input,
        ClaimsPrincipal principal, AccountService accounts, UserManager<AppUser> users)
    {
        if (principal.UserId() is not { } id)
        {
            return ApiProblems.Problem(ErrorCodes.Unauthorized, "Sign in first.");
        }
        var result = await accounts.UpdateProfileAsync(id, input);
        return result.Succeeded ? TypedResults.Ok(await ToProfileAsync(result.Value!, users)) : ApiProblems.FromResult(result.Code!, result.Errors);
    }

    /// <summary>Multipart upload with one file field, <c>avatar</c>: JPEG, PNG or WebP.</summary>
    public static async Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> UpdateAvatarAsync(HttpRequest request,
        ClaimsPrincipal principal, AccountService accounts, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        if (principal.UserId() is not { } id)
        {
            return ApiProblems.Problem(ErrorCodes.Unauthorized, "Sign in first.");
        }
        if (!request.HasFormContentType)
        {
            return ApiProblems.Problem(ErrorCodes.UnsupportedMediaType,
                "Send the image as multipart/form-data in a field named 'avatar'.");
        }
        var form = await request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("avatar") is not { } file)
        {
            return ApiProblems.Validation(new FieldErrors().Add("avatar", "Choose an image file."));
        }
        await using var stream = file.OpenReadStream();
        var result = await accounts.SetAvatarAsync(id, stream, cancellationToken);
        if (result.Succeeded)
        {
            return TypedResults.Ok(await ToProfileAsync(result.Value!, users));
        }
        return ApiProblems.FromResult(result.Code!, result.Errors);
    }

    private static async Task<AppUser?> CurrentUserAsync(ClaimsPrincipal principal, UserManager<AppUser> users) =>
        principal.UserId() is { } id ? await users.Users.FirstOrDefaultAsync(u => u.Id == id) : null;

    private static async Task<ProfileResponse> ToProfileAsync(AppUser user, UserManager<AppUser> users) =>
        new(user.Id, user.Email ?? "", user.DisplayName, user.Bio,
            user.AvatarPath is null ? null : $"/api/users/{user.Id}/avatar",
            (await users.GetRolesAsync(user)).Order().ToList(), user.EmailConfirmed, user.CreatedAt);
}
