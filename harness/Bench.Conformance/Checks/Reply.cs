using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bench.Conformance.Checks;

/// <summary>A response, with the assertions the contract makes about responses.</summary>
public sealed class Reply
{
    public string Request { get; }
    public int Status { get; }
    public string Body { get; }
    public string? ContentType { get; }
    public bool HasDate { get; }
    public bool HasLengthOrChunked { get; }

    public Reply(string request, HttpResponseMessage response, string body)
    {
        Request = request;
        Status = (int)response.StatusCode;
        Body = body;
        ContentType = response.Content.Headers.ContentType?.MediaType;
        HasDate = response.Headers.Date is not null;
        HasLengthOrChunked = response.Content.Headers.ContentLength is not null || response.Headers.TransferEncodingChunked == true;
    }

    public Reply ExpectStatus(params int[] allowed)
    {
        if (!allowed.Contains(Status))
            throw new ContractViolation($"{Request}: expected {string.Join(" or ", allowed)}, got {Status} {Snippet}");
        return this;
    }

    public Reply ExpectContentType(string mediaType)
    {
        if (!string.Equals(ContentType, mediaType, StringComparison.OrdinalIgnoreCase))
            throw new ContractViolation($"{Request}: expected Content-Type {mediaType}, got '{ContentType ?? "(none)"}'");
        return this;
    }

    /// <summary>200 with a JSON body, parsed.</summary>
    public JsonNode Json(int status = (int)HttpStatusCode.OK)
    {
        ExpectStatus(status).ExpectContentType("application/json");
        try
        {
            return JsonNode.Parse(Body) ?? throw new ContractViolation($"{Request}: body is JSON null");
        }
        catch (JsonException e)
        {
            throw new ContractViolation($"{Request}: body is not JSON ({e.Message}): {Snippet}");
        }
    }

    /// <summary>The contract's error form: the status, and {"error": "..."} as JSON.</summary>
    public Reply ExpectJsonError(int status)
    {
        BodyRules.JsonError(Json(status), Request);
        return this;
    }

    public string Snippet => Body.Length <= 160 ? $"'{Body}'" : $"'{Body[..160]}…' ({Body.Length} chars)";
}
