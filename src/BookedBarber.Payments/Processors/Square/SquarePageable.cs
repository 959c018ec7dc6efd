using System.Globalization;
using System.Runtime.CompilerServices;

namespace BookedBarber.Payments.Processors.Square;

/// <summary>
/// A lazily fetched, cursor-paged Square list (in the manner of Azure's <c>AsyncPageable&lt;T&gt;</c>): enumerate it
/// for items across all pages, or call <see cref="AsPages"/> to work page by page and resume from a saved cursor.
/// </summary>
public class SquarePageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<string?, CancellationToken, Task<SquarePage<T>>>? _fetchPage;
    private readonly CancellationToken _cancellationToken;

    /// <summary>For mocking.</summary>
    protected SquarePageable()
    {
    }

    public SquarePageable(Func<string?, CancellationToken, Task<SquarePage<T>>> fetchPage, CancellationToken cancellationToken = default)
    {
        _fetchPage = fetchPage;
        _cancellationToken = cancellationToken;
    }

    /// <summary>A pageable over fixed pages, for tests.</summary>
    public static SquarePageable<T> FromPages(IReadOnlyList<SquarePage<T>> pages) =>
        new((cursor, _) =>
        {
            if (pages.Count == 0)
            {
                return Task.FromResult(new SquarePage<T>([], null));
            }

            var index = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
            var next = index + 1 < pages.Count ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(pages[index] with { Cursor = next });
        });

    /// <summary>The pages, starting at <paramref name="cursor"/> (null for the first page).</summary>
    public virtual async IAsyncEnumerable<SquarePage<T>> AsPages(
        string? cursor = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_fetchPage is null)
        {
            yield break;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        do
        {
            var page = await _fetchPage(cursor, linked.Token).ConfigureAwait(false);
            yield return page;
            cursor = string.IsNullOrEmpty(page.Cursor) ? null : page.Cursor;
        }
        while (cursor is not null);
    }

    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var value in page.Values)
            {
                yield return value;
            }
        }
    }
}
