from flask import Blueprint

bp = Blueprint("badges", __name__, url_prefix="/badges")
