"""The contract of ../CONTRACT.md on FastAPI: `app.main:app` is the ASGI application uvicorn serves."""
