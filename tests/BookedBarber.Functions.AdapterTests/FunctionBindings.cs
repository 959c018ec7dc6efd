using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>A <c>[Function]</c> method as its source declares it. Values that are not string literals read as <c>&lt;expression&gt;</c>.</summary>
public abstract record FunctionBinding(string Name, string Location);

/// <summary>An HTTP function: its trigger and the endpoint names it passes to <c>InvokeAsync</c>.</summary>
public sealed record HttpFunction(string Name, string Location, string AuthLevel, IReadOnlyList<string> Methods, string? Route, IReadOnlyList<string> InvokedEndpoints)
    : FunctionBinding(Name, Location);

/// <summary>A queue function: its trigger and the queue names it puts in the <c>QueueDelivery</c> it hands on.</summary>
public sealed record QueueFunction(string Name, string Location, string Queue, string? Connection, IReadOnlyList<string> DeliveredQueues)
    : FunctionBinding(Name, Location);

/// <summary>A timer function: its schedule expression and the job names it passes to <c>RunJobAsync</c>.</summary>
public sealed record TimerFunction(string Name, string Location, string Schedule, IReadOnlyList<string> Jobs)
    : FunctionBinding(Name, Location);

/// <summary>A <c>[Function]</c> with no trigger parameter this adapter knows.</summary>
public sealed record UntriggeredFunction(string Name, string Location) : FunctionBinding(Name, Location);

/// <summary>Reads <c>[Function]</c> methods from syntax alone, so drift is reported even when the adapter does not compile.</summary>
public static class FunctionBindingReader
{
    public static IReadOnlyList<FunctionBinding> Read(IEnumerable<SyntaxTree> trees) =>
        trees.SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Select(Read)
            .OfType<FunctionBinding>()
            .ToList();

    private static FunctionBinding? Read(MethodDeclarationSyntax method)
    {
        var function = Attributes(method.AttributeLists).FirstOrDefault(a => IsAttribute(a, "Function"));
        if (function is null) return null;
        var name = Text(PositionalArguments(function).FirstOrDefault());
        var location = Location(method);
        foreach (var trigger in method.ParameterList.Parameters.SelectMany(p => Attributes(p.AttributeLists)))
        {
            var positional = PositionalArguments(trigger).ToList();
            if (IsAttribute(trigger, "HttpTrigger"))
            {
                var authLevel = positional.FirstOrDefault() is { } first && Literal(first) is null ? first.ToString() : "(none)";
                var methods = positional.Skip(authLevel == "(none)" ? 0 : 1).Select(Text).ToList();
                return new HttpFunction(name, location, authLevel, methods, NamedArgument(trigger, "Route"), FirstArguments(method, "InvokeAsync"));
            }
            if (IsAttribute(trigger, "QueueTrigger"))
                return new QueueFunction(name, location, Text(positional.FirstOrDefault()), NamedArgument(trigger, "Connection"), DeliveredQueues(method));
            if (IsAttribute(trigger, "TimerTrigger"))
                return new TimerFunction(name, location, Text(positional.FirstOrDefault()), FirstArguments(method, "RunJobAsync"));
        }
        return new UntriggeredFunction(name, location);
    }

    private static IReadOnlyList<string> FirstArguments(MethodDeclarationSyntax method, string invokedMember) =>
        Invocations(method, invokedMember).Select(call => Text(call.ArgumentList.Arguments.FirstOrDefault()?.Expression)).ToList();

    private static IReadOnlyList<string> DeliveredQueues(MethodDeclarationSyntax method) =>
        Invocations(method, "HandleAsync")
            .Select(call => call.ArgumentList.Arguments.FirstOrDefault()?.Expression is BaseObjectCreationExpressionSyntax { ArgumentList: { } delivery }
                ? Text(delivery.Arguments.FirstOrDefault()?.Expression)
                : "<not a new QueueDelivery(...)>")
            .ToList();

    private static IEnumerable<InvocationExpressionSyntax> Invocations(MethodDeclarationSyntax method, string member) =>
        method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == member);

    private static IEnumerable<AttributeSyntax> Attributes(SyntaxList<AttributeListSyntax> lists) => lists.SelectMany(list => list.Attributes);

    private static IEnumerable<ExpressionSyntax> PositionalArguments(AttributeSyntax attribute) =>
        attribute.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).Select(a => a.Expression) ?? [];

    private static string? NamedArgument(AttributeSyntax attribute, string property) =>
        attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == property) is { } argument
            ? Text(argument.Expression)
            : null;

    private static bool IsAttribute(AttributeSyntax attribute, string name)
    {
        var simple = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax plain => plain.Identifier.ValueText,
            _ => attribute.Name.ToString(),
        };
        return simple == name || simple == name + "Attribute";
    }

    private static string? Literal(ExpressionSyntax expression) =>
        expression.IsKind(SyntaxKind.StringLiteralExpression) ? ((LiteralExpressionSyntax)expression).Token.ValueText : null;

    private static string Text(ExpressionSyntax? expression) =>
        expression is null ? "(missing)" : Literal(expression) ?? $"<{expression}>";

    private static string Location(SyntaxNode node)
    {
        var span = node.GetLocation().GetLineSpan();
        return $"{span.Path}:{span.StartLinePosition.Line + 1}";
    }
}
