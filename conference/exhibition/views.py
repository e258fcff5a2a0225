from flask import Blueprint

bp = Blueprint("exhibition", __name__, url_prefix="/exhibition")
