using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BookedBarber.Functions.AdapterTests;

/// <summary>
/// Reads <c>[Function]</c> methods from syntax alone. functions.metadata says how each function is triggered but not
/// what its body runs; this says which catalog entry each body delegates to.
/// </summary>
public static class FunctionBodyReader
{
    public static IReadOnlyList<FunctionBody> Read(IEnumerable<SyntaxTree> trees) =>
        trees.SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            .Select(Read)
            .OfType<FunctionBody>()
            .ToList();

    private static FunctionBody? Read(MethodDeclarationSyntax method)
    {
        var function = method.AttributeLists.SelectMany(list => list.Attributes).FirstOrDefault(a => IsAttribute(a, "Function"));
        if (function is null) return null;
        var span = method.GetLocation().GetLineSpan();
        return new FunctionBody(
            Text(function.ArgumentList?.Arguments.FirstOrDefault()?.Expression),
            $"{span.Path}:{span.StartLinePosition.Line + 1}",
            FirstArguments(method, "InvokeAsync"),
            FirstArguments(method, "RunJobAsync"),
            method.DescendantNodes().OfType<BaseObjectCreationExpressionSyntax>()
                .Where(creation => creation is ImplicitObjectCreationExpressionSyntax || IsType(creation, "QueueDelivery"))
                .Select(creation => Text(creation.ArgumentList?.Arguments.FirstOrDefault()?.Expression))
                .ToList());
    }

    private static IReadOnlyList<string> FirstArguments(MethodDeclarationSyntax method, string member) =>
        method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(call => call.Expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == member)
            .Select(call => Text(call.ArgumentList.Arguments.FirstOrDefault()?.Expression))
            .ToList();

    private static bool IsType(BaseObjectCreationExpressionSyntax creation, string name) =>
        creation is ObjectCreationExpressionSyntax { Type: var type } && SimpleName(type) == name;

    private static bool IsAttribute(AttributeSyntax attribute, string name) =>
        SimpleName(attribute.Name) is var simple && (simple == name || simple == name + "Attribute");

    private static string SimpleName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        SimpleNameSyntax plain => plain.Identifier.ValueText,
        _ => type.ToString(),
    };

    private static string Text(ExpressionSyntax? expression) => expression switch
    {
        null => "(missing)",
        LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
        _ => $"<{expression}>",
    };
}
