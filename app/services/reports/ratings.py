"""Satisfaction figures of a period: average score per criterion and the spread of overall scores."""

from sqlalchemy import and_, case, func, or_, select

from ...extensions import db
from ...models import Rating
from ...models.outreach import RATING_CRITERIA
from .dossiers import scope

DISLIKE_AT_MOST = 2  # an overall rating of 1 or 2 (of 5) is a dislike (service index 5.4)


def rating_figures(period, point_id=None):
    """Every rating figure of the period in one pass over its ratings (rejected ones left out)."""
    first, after = period.utc_bounds()
    in_period = scope(
        and_(Rating.created_at >= first, Rating.created_at < after, Rating.status != "rejected"),
        Rating.point_id,
        point_id,
    )
    columns = []
    for name in RATING_CRITERIA:
        column = getattr(Rating, name)
        columns += [func.count(column), func.avg(column)]
    columns += [func.count(case((Rating.overall == score, 1))) for score in range(1, 6)]
    # How many times residents came for one matter: a count asked since 0017 (it replaced the
    # 1-5 "visits" score, whose old answers stay in their column, left out of the figures).
    columns += [func.count(Rating.trips), func.avg(Rating.trips)]
    # Ratings given for a real ticket or dossier; the others come from the open form, whose
    # verification code only slows scripts down (README, Security).
    columns.append(
        func.count(case((or_(Rating.ticket_ref.is_not(None), Rating.dossier_ref.is_not(None)), 1)))
    )
    columns += [func.count(case((Rating.overall <= DISLIKE_AT_MOST, 1))), func.count()]
    row = list(db.session.execute(select(*columns).where(in_period)).one())
    criteria = {}
    for name in RATING_CRITERIA:
        count, average = row.pop(0), row.pop(0)
        criteria[name] = {
            "count": int(count or 0),
            "average": float(average) if average is not None else None,
        }
    spread = {score: int(row.pop(0) or 0) for score in range(1, 6)}
    trips_count, trips_average, tied, dislikes, rows = row
    return {
        "count": criteria["overall"]["count"],
        "tied": int(tied or 0),
        "criteria": criteria,
        "trips": {
            "count": int(trips_count or 0),
            "average": float(trips_average) if trips_average is not None else None,
        },
        "spread": spread,
        "dislikes": int(dislikes or 0),  # overall <= DISLIKE_AT_MOST
        "rows": int(rows or 0),  # every rating counted, scored overall or not
    }
