"""POST /json/process: the order deserialised into pydantic models, sorted, summed, serialised again."""
from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, StrictInt, StrictStr, conint, validator

router = APIRouter()


class Item(BaseModel):
    sku: StrictStr
    qty: conint(strict=True, ge=0)  # type: ignore[valid-type]
    unit_price: float = Field(alias="unitPrice")

    @validator("unit_price", pre=True)
    def a_json_number(cls, value: object) -> object:
        # pydantic 1 would turn "9.99" or true into a float; the contract wants a JSON number
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("unitPrice must be a number")
        return value

    class Config:
        allow_population_by_field_name = True


class Order(BaseModel):
    # Strict types: pydantic 1 coerces by default ("17" would become 17); a wrong type must be a 400.
    id: StrictInt
    customer: StrictStr
    items: list[Item]


class ProcessedOrder(BaseModel):
    id: int
    customer: str
    items: list[Item]
    total: float
    item_count: int = Field(alias="itemCount")
    max_unit_price: float = Field(alias="maxUnitPrice")

    class Config:
        allow_population_by_field_name = True


def require_json(request: Request) -> None:
    """415 for a body that is not application/json (FastAPI itself would try to validate the raw bytes)."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(415, "Content-Type must be application/json")


@router.post("/json/process", response_model=ProcessedOrder, dependencies=[Depends(require_json)])
async def process(order: Order) -> ProcessedOrder:
    total = 0.0
    for item in order.items:  # input order, as the contract fixes the summation order
        total += item.qty * item.unit_price
    return ProcessedOrder(
        id=order.id,
        customer=order.customer,
        # sorted() is stable: equal prices keep their input order
        items=sorted(order.items, key=lambda item: item.unit_price, reverse=True),
        total=total,
        item_count=len(order.items),
        max_unit_price=max((item.unit_price for item in order.items), default=0.0),
    )
