"""Context row for the benchmarks: Flask + PyJWT under gunicorn, the same token-only endpoint."""
import os

import jwt
from flask import Flask, request

app = Flask(__name__)
SECRET = os.environ["JWT_SECRET"].encode("utf-8")


@app.get("/token")
def token():
    header = request.headers.get("Authorization", "")
    try:
        jwt.decode(header.removeprefix("Bearer "), SECRET, algorithms=["HS256"], issuer="easel", audience="easel-api")
    except jwt.PyJWTError:
        return "", 401
    return {"status": "ok"}
